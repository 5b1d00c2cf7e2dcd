import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace edgefleet {

    namespace v1 {

        interface IBurnRecord extends edgefleet.v1.BurnRecord.$Properties {
        }

        class BurnRecord {
            constructor(p?: edgefleet.v1.BurnRecord.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            seq: number;
            lease_id: string;
            accelerator_model: string;
            accelerator_serial: string;
            slot: string;
            started_at_ms: number;
            ended_at_ms: number;
            micro_tokens: number;
            prev_hash: string;
            hash: string;
            mig_instance_uuid: string;
            static encode(m: edgefleet.v1.BurnRecord.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.BurnRecord & edgefleet.v1.BurnRecord.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.BurnRecord;
            static toObject(m: edgefleet.v1.BurnRecord, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BurnRecord {
            interface $Properties {
                site_id?: (string|null);
                seq?: (number|null);
                lease_id?: (string|null);
                accelerator_model?: (string|null);
                accelerator_serial?: (string|null);
                slot?: (string|null);
                started_at_ms?: (number|null);
                ended_at_ms?: (number|null);
                micro_tokens?: (number|null);
                prev_hash?: (string|null);
                hash?: (string|null);
                mig_instance_uuid?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.BurnRecord.$Properties;
        }

        interface IBurnBatch extends edgefleet.v1.BurnBatch.$Properties {
        }

        class BurnBatch {
            constructor(p?: edgefleet.v1.BurnBatch.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            records: edgefleet.v1.BurnRecord.$Properties[];
            signature: Uint8Array;
            static encode(m: edgefleet.v1.BurnBatch.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.BurnBatch & edgefleet.v1.BurnBatch.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.BurnBatch;
            static toObject(m: edgefleet.v1.BurnBatch, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BurnBatch {
            interface $Properties {
                site_id?: (string|null);
                records?: (edgefleet.v1.BurnRecord.$Properties[]|null);
                signature?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.BurnBatch.$Properties;
        }

        interface IBurnAck extends edgefleet.v1.BurnAck.$Properties {
        }

        class BurnAck {
            constructor(p?: edgefleet.v1.BurnAck.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            acked_seq: number;
            resend_from: number;
            run_id: string;
            static encode(m: edgefleet.v1.BurnAck.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.BurnAck & edgefleet.v1.BurnAck.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.BurnAck;
            static toObject(m: edgefleet.v1.BurnAck, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BurnAck {
            interface $Properties {
                site_id?: (string|null);
                acked_seq?: (number|null);
                resend_from?: (number|null);
                run_id?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.BurnAck.$Properties;
        }

        interface IAgentHello extends edgefleet.v1.AgentHello.$Properties {
        }

        class AgentHello {
            constructor(p?: edgefleet.v1.AgentHello.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            secret: string;
            inference_endpoint: string;
            models: string[];
            slots_total: number;
            slots_free: number;
            agent_version: string;
            probe: boolean;
            inference_tls: boolean;
            answers_pings: boolean;
            accepts_mac_tokens: boolean;
            static encode(m: edgefleet.v1.AgentHello.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.AgentHello & edgefleet.v1.AgentHello.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.AgentHello;
            static toObject(m: edgefleet.v1.AgentHello, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgentHello {
            interface $Properties {
                site_id?: (string|null);
                secret?: (string|null);
                inference_endpoint?: (string|null);
                models?: (string[]|null);
                slots_total?: (number|null);
                slots_free?: (number|null);
                agent_version?: (string|null);
                probe?: (boolean|null);
                inference_tls?: (boolean|null);
                answers_pings?: (boolean|null);
                accepts_mac_tokens?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.AgentHello.$Properties;
        }

        interface ILeaseOffer extends edgefleet.v1.LeaseOffer.$Properties {
        }

        class LeaseOffer {
            constructor(p?: edgefleet.v1.LeaseOffer.$Properties);
            $unknowns?: Uint8Array[];
            offer_id: string;
            lease_id: string;
            hold_id: string;
            model: string;
            budget_micro_tokens: number;
            expires_at_ms: number;
            isolation: string;
            static encode(m: edgefleet.v1.LeaseOffer.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseOffer & edgefleet.v1.LeaseOffer.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseOffer;
            static toObject(m: edgefleet.v1.LeaseOffer, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseOffer {
            interface $Properties {
                offer_id?: (string|null);
                lease_id?: (string|null);
                hold_id?: (string|null);
                model?: (string|null);
                budget_micro_tokens?: (number|null);
                expires_at_ms?: (number|null);
                isolation?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseOffer.$Properties;
        }

        interface IOfferReply extends edgefleet.v1.OfferReply.$Properties {
        }

        class OfferReply {
            constructor(p?: edgefleet.v1.OfferReply.$Properties);
            $unknowns?: Uint8Array[];
            offer_id: string;
            admitted: boolean;
            reason: string;
            slot: string;
            accelerator_model: string;
            accelerator_serial: string;
            slots_free: number;
            mig_instance_uuid: string;
            static encode(m: edgefleet.v1.OfferReply.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.OfferReply & edgefleet.v1.OfferReply.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.OfferReply;
            static toObject(m: edgefleet.v1.OfferReply, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace OfferReply {
            interface $Properties {
                offer_id?: (string|null);
                admitted?: (boolean|null);
                reason?: (string|null);
                slot?: (string|null);
                accelerator_model?: (string|null);
                accelerator_serial?: (string|null);
                slots_free?: (number|null);
                mig_instance_uuid?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.OfferReply.$Properties;
        }

        interface ILeaseRenewal extends edgefleet.v1.LeaseRenewal.$Properties {
        }

        class LeaseRenewal {
            constructor(p?: edgefleet.v1.LeaseRenewal.$Properties);
            $unknowns?: Uint8Array[];
            lease_id: string;
            expires_at_ms: number;
            static encode(m: edgefleet.v1.LeaseRenewal.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseRenewal & edgefleet.v1.LeaseRenewal.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseRenewal;
            static toObject(m: edgefleet.v1.LeaseRenewal, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseRenewal {
            interface $Properties {
                lease_id?: (string|null);
                expires_at_ms?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseRenewal.$Properties;
        }

        interface ILeaseRevoke extends edgefleet.v1.LeaseRevoke.$Properties {
        }

        class LeaseRevoke {
            constructor(p?: edgefleet.v1.LeaseRevoke.$Properties);
            $unknowns?: Uint8Array[];
            lease_id: string;
            reason: string;
            static encode(m: edgefleet.v1.LeaseRevoke.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseRevoke & edgefleet.v1.LeaseRevoke.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseRevoke;
            static toObject(m: edgefleet.v1.LeaseRevoke, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseRevoke {
            interface $Properties {
                lease_id?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseRevoke.$Properties;
        }

        interface ILeaseEnded extends edgefleet.v1.LeaseEnded.$Properties {
        }

        class LeaseEnded {
            constructor(p?: edgefleet.v1.LeaseEnded.$Properties);
            $unknowns?: Uint8Array[];
            lease_id: string;
            reason: string;
            slots_free: number;
            static encode(m: edgefleet.v1.LeaseEnded.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseEnded & edgefleet.v1.LeaseEnded.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseEnded;
            static toObject(m: edgefleet.v1.LeaseEnded, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseEnded {
            interface $Properties {
                lease_id?: (string|null);
                reason?: (string|null);
                slots_free?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseEnded.$Properties;
        }

        interface IDrain extends edgefleet.v1.Drain.$Properties {
        }

        class Drain {
            constructor(p?: edgefleet.v1.Drain.$Properties);
            $unknowns?: Uint8Array[];
            drain: boolean;
            static encode(m: edgefleet.v1.Drain.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Drain & edgefleet.v1.Drain.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Drain;
            static toObject(m: edgefleet.v1.Drain, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Drain {
            interface $Properties {
                drain?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Drain.$Properties;
        }

        interface IPing extends edgefleet.v1.Ping.$Properties {
        }

        class Ping {
            constructor(p?: edgefleet.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            static encode(m: edgefleet.v1.Ping.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Ping & edgefleet.v1.Ping.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Ping;
            static toObject(m: edgefleet.v1.Ping, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                seq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Ping.$Properties;
        }

        interface IPong extends edgefleet.v1.Pong.$Properties {
        }

        class Pong {
            constructor(p?: edgefleet.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            seq: number;
            static encode(m: edgefleet.v1.Pong.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Pong & edgefleet.v1.Pong.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Pong;
            static toObject(m: edgefleet.v1.Pong, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                seq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Pong.$Properties;
        }

        interface ILeaseMacKey extends edgefleet.v1.LeaseMacKey.$Properties {
        }

        class LeaseMacKey {
            constructor(p?: edgefleet.v1.LeaseMacKey.$Properties);
            $unknowns?: Uint8Array[];
            kid: string;
            key: Uint8Array;
            static encode(m: edgefleet.v1.LeaseMacKey.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseMacKey & edgefleet.v1.LeaseMacKey.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseMacKey;
            static toObject(m: edgefleet.v1.LeaseMacKey, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseMacKey {
            interface $Properties {
                kid?: (string|null);
                key?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseMacKey.$Properties;
        }

        interface ILeaseMacKeys extends edgefleet.v1.LeaseMacKeys.$Properties {
        }

        class LeaseMacKeys {
            constructor(p?: edgefleet.v1.LeaseMacKeys.$Properties);
            $unknowns?: Uint8Array[];
            keys: edgefleet.v1.LeaseMacKey.$Properties[];
            static encode(m: edgefleet.v1.LeaseMacKeys.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseMacKeys & edgefleet.v1.LeaseMacKeys.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseMacKeys;
            static toObject(m: edgefleet.v1.LeaseMacKeys, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseMacKeys {
            interface $Properties {
                keys?: (edgefleet.v1.LeaseMacKey.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseMacKeys.$Properties;
        }

        interface IWelcome extends edgefleet.v1.Welcome.$Properties {
        }

        class Welcome {
            constructor(p?: edgefleet.v1.Welcome.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            server_time_ms: number;
            accepts_quota: boolean;
            static encode(m: edgefleet.v1.Welcome.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Welcome & edgefleet.v1.Welcome.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Welcome;
            static toObject(m: edgefleet.v1.Welcome, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Welcome {
            interface $Properties {
                site_id?: (string|null);
                server_time_ms?: (number|null);
                accepts_quota?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Welcome.$Properties;
        }

        interface IQuotaSlot extends edgefleet.v1.QuotaSlot.$Properties {
        }

        class QuotaSlot {
            constructor(p?: edgefleet.v1.QuotaSlot.$Properties);
            $unknowns?: Uint8Array[];
            slot: string;
            accelerator_model: string;
            accelerator_serial: string;
            mig_instance_uuid: string;
            isolation: string;
            static encode(m: edgefleet.v1.QuotaSlot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.QuotaSlot & edgefleet.v1.QuotaSlot.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.QuotaSlot;
            static toObject(m: edgefleet.v1.QuotaSlot, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace QuotaSlot {
            interface $Properties {
                slot?: (string|null);
                accelerator_model?: (string|null);
                accelerator_serial?: (string|null);
                mig_instance_uuid?: (string|null);
                isolation?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.QuotaSlot.$Properties;
        }

        interface ICapacityQuota extends edgefleet.v1.CapacityQuota.$Properties {
        }

        class CapacityQuota {
            constructor(p?: edgefleet.v1.CapacityQuota.$Properties);
            $unknowns?: Uint8Array[];
            epoch: number;
            ttl_ms: number;
            slots: edgefleet.v1.QuotaSlot.$Properties[];
            slots_free: number;
            static encode(m: edgefleet.v1.CapacityQuota.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.CapacityQuota & edgefleet.v1.CapacityQuota.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.CapacityQuota;
            static toObject(m: edgefleet.v1.CapacityQuota, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace CapacityQuota {
            interface $Properties {
                epoch?: (number|null);
                ttl_ms?: (number|null);
                slots?: (edgefleet.v1.QuotaSlot.$Properties[]|null);
                slots_free?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.CapacityQuota.$Properties;
        }

        interface IQuotaLease extends edgefleet.v1.QuotaLease.$Properties {
        }

        class QuotaLease {
            constructor(p?: edgefleet.v1.QuotaLease.$Properties);
            $unknowns?: Uint8Array[];
            lease_id: string;
            hold_id: string;
            model: string;
            budget_micro_tokens: number;
            expires_at_ms: number;
            slot: string;
            isolation: string;
            epoch: number;
            static encode(m: edgefleet.v1.QuotaLease.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.QuotaLease & edgefleet.v1.QuotaLease.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.QuotaLease;
            static toObject(m: edgefleet.v1.QuotaLease, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace QuotaLease {
            interface $Properties {
                lease_id?: (string|null);
                hold_id?: (string|null);
                model?: (string|null);
                budget_micro_tokens?: (number|null);
                expires_at_ms?: (number|null);
                slot?: (string|null);
                isolation?: (string|null);
                epoch?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.QuotaLease.$Properties;
        }

        interface IQuotaLeases extends edgefleet.v1.QuotaLeases.$Properties {
        }

        class QuotaLeases {
            constructor(p?: edgefleet.v1.QuotaLeases.$Properties);
            $unknowns?: Uint8Array[];
            leases: edgefleet.v1.QuotaLease.$Properties[];
            static encode(m: edgefleet.v1.QuotaLeases.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.QuotaLeases & edgefleet.v1.QuotaLeases.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.QuotaLeases;
            static toObject(m: edgefleet.v1.QuotaLeases, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace QuotaLeases {
            interface $Properties {
                leases?: (edgefleet.v1.QuotaLease.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.QuotaLeases.$Properties;
        }

        interface IAgentMessage extends edgefleet.v1.AgentMessage.$Properties {
        }

        class AgentMessage {
            constructor(p?: edgefleet.v1.AgentMessage.$Properties);
            $unknowns?: Uint8Array[];
            hello?: (edgefleet.v1.AgentHello.$Properties|null);
            offer_reply?: (edgefleet.v1.OfferReply.$Properties|null);
            lease_ended?: (edgefleet.v1.LeaseEnded.$Properties|null);
            pong?: (edgefleet.v1.Pong.$Properties|null);
            quota?: (edgefleet.v1.CapacityQuota.$Properties|null);
            msg?: ("hello"|"offer_reply"|"lease_ended"|"pong"|"quota");
            static encode(m: edgefleet.v1.AgentMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.AgentMessage & edgefleet.v1.AgentMessage.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.AgentMessage;
            static toObject(m: edgefleet.v1.AgentMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgentMessage {
            interface $Properties {
                hello?: (edgefleet.v1.AgentHello.$Properties|null);
                offer_reply?: (edgefleet.v1.OfferReply.$Properties|null);
                lease_ended?: (edgefleet.v1.LeaseEnded.$Properties|null);
                pong?: (edgefleet.v1.Pong.$Properties|null);
                quota?: (edgefleet.v1.CapacityQuota.$Properties|null);
                msg?: ("hello"|"offer_reply"|"lease_ended"|"pong"|"quota");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              hello?: edgefleet.v1.AgentHello.$Shape|null;
              offer_reply?: edgefleet.v1.OfferReply.$Shape|null;
              lease_ended?: edgefleet.v1.LeaseEnded.$Shape|null;
              pong?: edgefleet.v1.Pong.$Shape|null;
              quota?: edgefleet.v1.CapacityQuota.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; hello?: null; offer_reply?: null; lease_ended?: null; pong?: null; quota?: null }|{ msg?: "hello"; hello: edgefleet.v1.AgentHello.$Shape; offer_reply?: null; lease_ended?: null; pong?: null; quota?: null }|{ msg?: "offer_reply"; hello?: null; offer_reply: edgefleet.v1.OfferReply.$Shape; lease_ended?: null; pong?: null; quota?: null }|{ msg?: "lease_ended"; hello?: null; offer_reply?: null; lease_ended: edgefleet.v1.LeaseEnded.$Shape; pong?: null; quota?: null }|{ msg?: "pong"; hello?: null; offer_reply?: null; lease_ended?: null; pong: edgefleet.v1.Pong.$Shape; quota?: null }|{ msg?: "quota"; hello?: null; offer_reply?: null; lease_ended?: null; pong?: null; quota: edgefleet.v1.CapacityQuota.$Shape })
            );
        }

        interface ICoordinatorMessage extends edgefleet.v1.CoordinatorMessage.$Properties {
        }

        class CoordinatorMessage {
            constructor(p?: edgefleet.v1.CoordinatorMessage.$Properties);
            $unknowns?: Uint8Array[];
            welcome?: (edgefleet.v1.Welcome.$Properties|null);
            offer?: (edgefleet.v1.LeaseOffer.$Properties|null);
            renewal?: (edgefleet.v1.LeaseRenewal.$Properties|null);
            revoke?: (edgefleet.v1.LeaseRevoke.$Properties|null);
            drain?: (edgefleet.v1.Drain.$Properties|null);
            ping?: (edgefleet.v1.Ping.$Properties|null);
            mac_keys?: (edgefleet.v1.LeaseMacKeys.$Properties|null);
            quota_leases?: (edgefleet.v1.QuotaLeases.$Properties|null);
            msg?: ("welcome"|"offer"|"renewal"|"revoke"|"drain"|"ping"|"mac_keys"|"quota_leases");
            static encode(m: edgefleet.v1.CoordinatorMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.CoordinatorMessage & edgefleet.v1.CoordinatorMessage.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.CoordinatorMessage;
            static toObject(m: edgefleet.v1.CoordinatorMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace CoordinatorMessage {
            interface $Properties {
                welcome?: (edgefleet.v1.Welcome.$Properties|null);
                offer?: (edgefleet.v1.LeaseOffer.$Properties|null);
                renewal?: (edgefleet.v1.LeaseRenewal.$Properties|null);
                revoke?: (edgefleet.v1.LeaseRevoke.$Properties|null);
                drain?: (edgefleet.v1.Drain.$Properties|null);
                ping?: (edgefleet.v1.Ping.$Properties|null);
                mac_keys?: (edgefleet.v1.LeaseMacKeys.$Properties|null);
                quota_leases?: (edgefleet.v1.QuotaLeases.$Properties|null);
                msg?: ("welcome"|"offer"|"renewal"|"revoke"|"drain"|"ping"|"mac_keys"|"quota_leases");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              welcome?: edgefleet.v1.Welcome.$Shape|null;
              offer?: edgefleet.v1.LeaseOffer.$Shape|null;
              renewal?: edgefleet.v1.LeaseRenewal.$Shape|null;
              revoke?: edgefleet.v1.LeaseRevoke.$Shape|null;
              drain?: edgefleet.v1.Drain.$Shape|null;
              ping?: edgefleet.v1.Ping.$Shape|null;
              mac_keys?: edgefleet.v1.LeaseMacKeys.$Shape|null;
              quota_leases?: edgefleet.v1.QuotaLeases.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; welcome?: null; offer?: null; renewal?: null; revoke?: null; drain?: null; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "welcome"; welcome: edgefleet.v1.Welcome.$Shape; offer?: null; renewal?: null; revoke?: null; drain?: null; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "offer"; welcome?: null; offer: edgefleet.v1.LeaseOffer.$Shape; renewal?: null; revoke?: null; drain?: null; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "renewal"; welcome?: null; offer?: null; renewal: edgefleet.v1.LeaseRenewal.$Shape; revoke?: null; drain?: null; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "revoke"; welcome?: null; offer?: null; renewal?: null; revoke: edgefleet.v1.LeaseRevoke.$Shape; drain?: null; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "drain"; welcome?: null; offer?: null; renewal?: null; revoke?: null; drain: edgefleet.v1.Drain.$Shape; ping?: null; mac_keys?: null; quota_leases?: null }|{ msg?: "ping"; welcome?: null; offer?: null; renewal?: null; revoke?: null; drain?: null; ping: edgefleet.v1.Ping.$Shape; mac_keys?: null; quota_leases?: null }|{ msg?: "mac_keys"; welcome?: null; offer?: null; renewal?: null; revoke?: null; drain?: null; ping?: null; mac_keys: edgefleet.v1.LeaseMacKeys.$Shape; quota_leases?: null }|{ msg?: "quota_leases"; welcome?: null; offer?: null; renewal?: null; revoke?: null; drain?: null; ping?: null; mac_keys?: null; quota_leases: edgefleet.v1.QuotaLeases.$Shape })
            );
        }

        class EdgeControl extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            connect: edgefleet.v1.EdgeControl.Connect;
        }

        namespace EdgeControl {
            type ConnectCallback = (error: (Error|null), response?: edgefleet.v1.CoordinatorMessage) => void;
            type Connect = {
              (request: edgefleet.v1.IAgentMessage, callback: edgefleet.v1.EdgeControl.ConnectCallback): void;
              (request: edgefleet.v1.IAgentMessage): Promise<edgefleet.v1.CoordinatorMessage>;
              readonly name: "Connect";
              readonly path: "/edgefleet.v1.EdgeControl/Connect";
              readonly requestType: "AgentMessage";
              readonly responseType: "CoordinatorMessage";
              readonly requestStream: true;
              readonly responseStream: true;
            };
        }

        interface IInferTensor extends edgefleet.v1.InferTensor.$Properties {
        }

        class InferTensor {
            constructor(p?: edgefleet.v1.InferTensor.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            datatype: string;
            shape: number[];
            raw_contents: Uint8Array;
            static encode(m: edgefleet.v1.InferTensor.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.InferTensor & edgefleet.v1.InferTensor.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.InferTensor;
            static toObject(m: edgefleet.v1.InferTensor, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferTensor {
            interface $Properties {
                name?: (string|null);
                datatype?: (string|null);
                shape?: (number[]|null);
                raw_contents?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.InferTensor.$Properties;
        }

        interface IInferRequest extends edgefleet.v1.InferRequest.$Properties {
        }

        class InferRequest {
            constructor(p?: edgefleet.v1.InferRequest.$Properties);
            $unknowns?: Uint8Array[];
            lease_token: string;
            model: string;
            input: string;
            max_output_tokens: number;
            request_id: string;
            inputs: edgefleet.v1.InferTensor.$Properties[];
            output_names: string[];
            static encode(m: edgefleet.v1.InferRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.InferRequest & edgefleet.v1.InferRequest.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.InferRequest;
            static toObject(m: edgefleet.v1.InferRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferRequest {
            interface $Properties {
                lease_token?: (string|null);
                model?: (string|null);
                input?: (string|null);
                max_output_tokens?: (number|null);
                request_id?: (string|null);
                inputs?: (edgefleet.v1.InferTensor.$Properties[]|null);
                output_names?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.InferRequest.$Properties;
        }

        interface IInferResponse extends edgefleet.v1.InferResponse.$Properties {
        }

        class InferResponse {
            constructor(p?: edgefleet.v1.InferResponse.$Properties);
            $unknowns?: Uint8Array[];
            output: string;
            site_id: string;
            lease_id: string;
            micro_tokens: number;
            burn_seq: number;
            compute_ms: number;
            remaining_micro_tokens: number;
            outputs: edgefleet.v1.InferTensor.$Properties[];
            model_version: string;
            execution_provider: string;
            receipt?: (edgefleet.v1.Receipt.$Properties|null);
            static encode(m: edgefleet.v1.InferResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.InferResponse & edgefleet.v1.InferResponse.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.InferResponse;
            static toObject(m: edgefleet.v1.InferResponse, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferResponse {
            interface $Properties {
                output?: (string|null);
                site_id?: (string|null);
                lease_id?: (string|null);
                micro_tokens?: (number|null);
                burn_seq?: (number|null);
                compute_ms?: (number|null);
                remaining_micro_tokens?: (number|null);
                outputs?: (edgefleet.v1.InferTensor.$Properties[]|null);
                model_version?: (string|null);
                execution_provider?: (string|null);
                receipt?: (edgefleet.v1.Receipt.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.InferResponse.$Properties;
        }

        interface IReceipt extends edgefleet.v1.Receipt.$Properties {
        }

        class Receipt {
            constructor(p?: edgefleet.v1.Receipt.$Properties);
            $unknowns?: Uint8Array[];
            version: number;
            site_id: string;
            lease_id: string;
            burn_seq: number;
            micro_tokens: number;
            burn_hash: string;
            mig_instance_uuid: string;
            started_at_ms: number;
            ended_at_ms: number;
            request_id: string;
            signature: Uint8Array;
            static encode(m: edgefleet.v1.Receipt.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Receipt & edgefleet.v1.Receipt.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Receipt;
            static toObject(m: edgefleet.v1.Receipt, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Receipt {
            interface $Properties {
                version?: (number|null);
                site_id?: (string|null);
                lease_id?: (string|null);
                burn_seq?: (number|null);
                micro_tokens?: (number|null);
                burn_hash?: (string|null);
                mig_instance_uuid?: (string|null);
                started_at_ms?: (number|null);
                ended_at_ms?: (number|null);
                request_id?: (string|null);
                signature?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Receipt.$Properties;
        }

        interface IInferChunk extends edgefleet.v1.InferChunk.$Properties {
        }

        class InferChunk {
            constructor(p?: edgefleet.v1.InferChunk.$Properties);
            $unknowns?: Uint8Array[];
            text: string;
            done: boolean;
            summary?: (edgefleet.v1.InferResponse.$Properties|null);
            static encode(m: edgefleet.v1.InferChunk.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.InferChunk & edgefleet.v1.InferChunk.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.InferChunk;
            static toObject(m: edgefleet.v1.InferChunk, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferChunk {
            interface $Properties {
                text?: (string|null);
                done?: (boolean|null);
                summary?: (edgefleet.v1.InferResponse.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.InferChunk.$Properties;
        }

        class Inference extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            infer: edgefleet.v1.Inference.Infer;
            inferStream: edgefleet.v1.Inference.InferStream;
        }

        namespace Inference {
            type InferCallback = (error: (Error|null), response?: edgefleet.v1.InferResponse) => void;
            type Infer = {
              (request: edgefleet.v1.IInferRequest, callback: edgefleet.v1.Inference.InferCallback): void;
              (request: edgefleet.v1.IInferRequest): Promise<edgefleet.v1.InferResponse>;
              readonly name: "Infer";
              readonly path: "/edgefleet.v1.Inference/Infer";
              readonly requestType: "InferRequest";
              readonly responseType: "InferResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type InferStreamCallback = (error: (Error|null), response?: edgefleet.v1.InferChunk) => void;
            type InferStream = {
              (request: edgefleet.v1.IInferRequest, callback: edgefleet.v1.Inference.InferStreamCallback): void;
              (request: edgefleet.v1.IInferRequest): Promise<edgefleet.v1.InferChunk>;
              readonly name: "InferStream";
              readonly path: "/edgefleet.v1.Inference/InferStream";
              readonly requestType: "InferRequest";
              readonly responseType: "InferChunk";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };
        }

        interface ILocation extends edgefleet.v1.Location.$Properties {
        }

        class Location {
            constructor(p?: edgefleet.v1.Location.$Properties);
            $unknowns?: Uint8Array[];
            pop_id: string;
            cell_id: string;
            tracking_area: string;
            has_coordinates: boolean;
            lat: number;
            lon: number;
            has_velocity: boolean;
            speed_mps: number;
            heading_deg: number;
            static encode(m: edgefleet.v1.Location.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Location & edgefleet.v1.Location.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Location;
            static toObject(m: edgefleet.v1.Location, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Location {
            interface $Properties {
                pop_id?: (string|null);
                cell_id?: (string|null);
                tracking_area?: (string|null);
                has_coordinates?: (boolean|null);
                lat?: (number|null);
                lon?: (number|null);
                has_velocity?: (boolean|null);
                speed_mps?: (number|null);
                heading_deg?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Location.$Properties;
        }

        interface IAcquireRequest extends edgefleet.v1.AcquireRequest.$Properties {
        }

        class AcquireRequest {
            constructor(p?: edgefleet.v1.AcquireRequest.$Properties);
            $unknowns?: Uint8Array[];
            customer_id: string;
            model: string;
            location?: (edgefleet.v1.Location.$Properties|null);
            max_rtt_ms: number;
            budget_micro_tokens: number;
            hedges: number;
            domestic_only: boolean;
            accelerator_kinds: string[];
            isolation: string;
            ttl_s: number;
            explain: boolean;
            priority: number;
            max_queue_ms: number;
            static encode(m: edgefleet.v1.AcquireRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.AcquireRequest & edgefleet.v1.AcquireRequest.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.AcquireRequest;
            static toObject(m: edgefleet.v1.AcquireRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AcquireRequest {
            interface $Properties {
                customer_id?: (string|null);
                model?: (string|null);
                location?: (edgefleet.v1.Location.$Properties|null);
                max_rtt_ms?: (number|null);
                budget_micro_tokens?: (number|null);
                hedges?: (number|null);
                domestic_only?: (boolean|null);
                accelerator_kinds?: (string[]|null);
                isolation?: (string|null);
                ttl_s?: (number|null);
                explain?: (boolean|null);
                priority?: (number|null);
                max_queue_ms?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.AcquireRequest.$Properties;
        }

        interface ILease extends edgefleet.v1.Lease.$Properties {
        }

        class Lease {
            constructor(p?: edgefleet.v1.Lease.$Properties);
            $unknowns?: Uint8Array[];
            lease_id: string;
            hold_id: string;
            site_id: string;
            endpoint: string;
            token: string;
            expires_at_ms: number;
            budget_micro_tokens: number;
            expected_rtt_ms: number;
            power_price_per_kwh: number;
            accelerator_model: string;
            slot: string;
            available_slots: number;
            endpoint_tls: boolean;
            mig_instance_uuid: string;
            site_public_keys: string[];
            static encode(m: edgefleet.v1.Lease.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Lease & edgefleet.v1.Lease.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Lease;
            static toObject(m: edgefleet.v1.Lease, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Lease {
            interface $Properties {
                lease_id?: (string|null);
                hold_id?: (string|null);
                site_id?: (string|null);
                endpoint?: (string|null);
                token?: (string|null);
                expires_at_ms?: (number|null);
                budget_micro_tokens?: (number|null);
                expected_rtt_ms?: (number|null);
                power_price_per_kwh?: (number|null);
                accelerator_model?: (string|null);
                slot?: (string|null);
                available_slots?: (number|null);
                endpoint_tls?: (boolean|null);
                mig_instance_uuid?: (string|null);
                site_public_keys?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Lease.$Properties;
        }

        interface ICandidate extends edgefleet.v1.Candidate.$Properties {
        }

        class Candidate {
            constructor(p?: edgefleet.v1.Candidate.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            score: number;
            rtt_ms: number;
            rtt_source: string;
            cost_micro_tokens_per_hour: number;
            load: number;
            error_rate: number;
            price_per_kwh: number;
            free_slots: number;
            static encode(m: edgefleet.v1.Candidate.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Candidate & edgefleet.v1.Candidate.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Candidate;
            static toObject(m: edgefleet.v1.Candidate, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Candidate {
            interface $Properties {
                site_id?: (string|null);
                score?: (number|null);
                rtt_ms?: (number|null);
                rtt_source?: (string|null);
                cost_micro_tokens_per_hour?: (number|null);
                load?: (number|null);
                error_rate?: (number|null);
                price_per_kwh?: (number|null);
                free_slots?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Candidate.$Properties;
        }

        interface IRouteExplanation extends edgefleet.v1.RouteExplanation.$Properties {
        }

        class RouteExplanation {
            constructor(p?: edgefleet.v1.RouteExplanation.$Properties);
            $unknowns?: Uint8Array[];
            winner?: (edgefleet.v1.Candidate.$Properties|null);
            runner_up?: (edgefleet.v1.Candidate.$Properties|null);
            considered: number;
            eligible: number;
            rejected: { [k: string]: number };
            status: string;
            attachment: string;
            static encode(m: edgefleet.v1.RouteExplanation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.RouteExplanation & edgefleet.v1.RouteExplanation.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.RouteExplanation;
            static toObject(m: edgefleet.v1.RouteExplanation, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RouteExplanation {
            interface $Properties {
                winner?: (edgefleet.v1.Candidate.$Properties|null);
                runner_up?: (edgefleet.v1.Candidate.$Properties|null);
                considered?: (number|null);
                eligible?: (number|null);
                rejected?: ({ [k: string]: number }|null);
                status?: (string|null);
                attachment?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.RouteExplanation.$Properties;
        }

        interface IAcquireResponse extends edgefleet.v1.AcquireResponse.$Properties {
        }

        class AcquireResponse {
            constructor(p?: edgefleet.v1.AcquireResponse.$Properties);
            $unknowns?: Uint8Array[];
            primary?: (edgefleet.v1.Lease.$Properties|null);
            hedges: edgefleet.v1.Lease.$Properties[];
            explanation?: (edgefleet.v1.RouteExplanation.$Properties|null);
            static encode(m: edgefleet.v1.AcquireResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.AcquireResponse & edgefleet.v1.AcquireResponse.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.AcquireResponse;
            static toObject(m: edgefleet.v1.AcquireResponse, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AcquireResponse {
            interface $Properties {
                primary?: (edgefleet.v1.Lease.$Properties|null);
                hedges?: (edgefleet.v1.Lease.$Properties[]|null);
                explanation?: (edgefleet.v1.RouteExplanation.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.AcquireResponse.$Properties;
        }

        interface ISiteLatency extends edgefleet.v1.SiteLatency.$Properties {
        }

        class SiteLatency {
            constructor(p?: edgefleet.v1.SiteLatency.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            bucket_counts: number[];
            static encode(m: edgefleet.v1.SiteLatency.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.SiteLatency & edgefleet.v1.SiteLatency.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.SiteLatency;
            static toObject(m: edgefleet.v1.SiteLatency, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteLatency {
            interface $Properties {
                site_id?: (string|null);
                bucket_counts?: (number[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.SiteLatency.$Properties;
        }

        interface IRenewRequest extends edgefleet.v1.RenewRequest.$Properties {
        }

        class RenewRequest {
            constructor(p?: edgefleet.v1.RenewRequest.$Properties);
            $unknowns?: Uint8Array[];
            hold_id: string;
            ttl_s: number;
            observed: edgefleet.v1.SiteLatency.$Properties[];
            static encode(m: edgefleet.v1.RenewRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.RenewRequest & edgefleet.v1.RenewRequest.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.RenewRequest;
            static toObject(m: edgefleet.v1.RenewRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RenewRequest {
            interface $Properties {
                hold_id?: (string|null);
                ttl_s?: (number|null);
                observed?: (edgefleet.v1.SiteLatency.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.RenewRequest.$Properties;
        }

        interface IRenewResponse extends edgefleet.v1.RenewResponse.$Properties {
        }

        class RenewResponse {
            constructor(p?: edgefleet.v1.RenewResponse.$Properties);
            $unknowns?: Uint8Array[];
            leases: edgefleet.v1.Lease.$Properties[];
            static encode(m: edgefleet.v1.RenewResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.RenewResponse & edgefleet.v1.RenewResponse.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.RenewResponse;
            static toObject(m: edgefleet.v1.RenewResponse, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RenewResponse {
            interface $Properties {
                leases?: (edgefleet.v1.Lease.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.RenewResponse.$Properties;
        }

        interface IReleaseRequest extends edgefleet.v1.ReleaseRequest.$Properties {
        }

        class ReleaseRequest {
            constructor(p?: edgefleet.v1.ReleaseRequest.$Properties);
            $unknowns?: Uint8Array[];
            hold_id: string;
            observed: edgefleet.v1.SiteLatency.$Properties[];
            static encode(m: edgefleet.v1.ReleaseRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.ReleaseRequest & edgefleet.v1.ReleaseRequest.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.ReleaseRequest;
            static toObject(m: edgefleet.v1.ReleaseRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReleaseRequest {
            interface $Properties {
                hold_id?: (string|null);
                observed?: (edgefleet.v1.SiteLatency.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.ReleaseRequest.$Properties;
        }

        interface IReleaseResponse extends edgefleet.v1.ReleaseResponse.$Properties {
        }

        class ReleaseResponse {
            constructor(p?: edgefleet.v1.ReleaseResponse.$Properties);
            $unknowns?: Uint8Array[];
            burned_micro_tokens: number;
            released_micro_tokens: number;
            static encode(m: edgefleet.v1.ReleaseResponse.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.ReleaseResponse & edgefleet.v1.ReleaseResponse.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.ReleaseResponse;
            static toObject(m: edgefleet.v1.ReleaseResponse, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ReleaseResponse {
            interface $Properties {
                burned_micro_tokens?: (number|null);
                released_micro_tokens?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.ReleaseResponse.$Properties;
        }

        interface IWatchRequest extends edgefleet.v1.WatchRequest.$Properties {
        }

        class WatchRequest {
            constructor(p?: edgefleet.v1.WatchRequest.$Properties);
            $unknowns?: Uint8Array[];
            hold_id: string;
            prices: boolean;
            static encode(m: edgefleet.v1.WatchRequest.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.WatchRequest & edgefleet.v1.WatchRequest.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.WatchRequest;
            static toObject(m: edgefleet.v1.WatchRequest, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace WatchRequest {
            interface $Properties {
                hold_id?: (string|null);
                prices?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.WatchRequest.$Properties;
        }

        interface ILeaseEvent extends edgefleet.v1.LeaseEvent.$Properties {
        }

        class LeaseEvent {
            constructor(p?: edgefleet.v1.LeaseEvent.$Properties);
            $unknowns?: Uint8Array[];
            kind: edgefleet.v1.LeaseEvent.Kind;
            hold_id: string;
            lease_id: string;
            site_id: string;
            reason: string;
            replacement?: (edgefleet.v1.Lease.$Properties|null);
            ts_ms: number;
            deadline_ms: number;
            price_minor_per_token: number;
            currency: string;
            static encode(m: edgefleet.v1.LeaseEvent.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.LeaseEvent & edgefleet.v1.LeaseEvent.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.LeaseEvent;
            static toObject(m: edgefleet.v1.LeaseEvent, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LeaseEvent {
            interface $Properties {
                kind?: (edgefleet.v1.LeaseEvent.Kind|null);
                hold_id?: (string|null);
                lease_id?: (string|null);
                site_id?: (string|null);
                reason?: (string|null);
                replacement?: (edgefleet.v1.Lease.$Properties|null);
                ts_ms?: (number|null);
                deadline_ms?: (number|null);
                price_minor_per_token?: (number|null);
                currency?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.LeaseEvent.$Properties;

            enum Kind {
                KIND_UNSPECIFIED = 0,
                KIND_REROUTE = 1,
                KIND_REVOKE = 2,
                KIND_EXPIRED = 3,
                KIND_PREEMPTED = 4,
                KIND_PRICE = 5
            }
        }

        class LeaseBroker extends $protobuf.rpc.Service {
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);
            acquire: edgefleet.v1.LeaseBroker.Acquire;
            renew: edgefleet.v1.LeaseBroker.Renew;
            release: edgefleet.v1.LeaseBroker.Release;
            watch: edgefleet.v1.LeaseBroker.Watch;
        }

        namespace LeaseBroker {
            type AcquireCallback = (error: (Error|null), response?: edgefleet.v1.AcquireResponse) => void;
            type Acquire = {
              (request: edgefleet.v1.IAcquireRequest, callback: edgefleet.v1.LeaseBroker.AcquireCallback): void;
              (request: edgefleet.v1.IAcquireRequest): Promise<edgefleet.v1.AcquireResponse>;
              readonly name: "Acquire";
              readonly path: "/edgefleet.v1.LeaseBroker/Acquire";
              readonly requestType: "AcquireRequest";
              readonly responseType: "AcquireResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type RenewCallback = (error: (Error|null), response?: edgefleet.v1.RenewResponse) => void;
            type Renew = {
              (request: edgefleet.v1.IRenewRequest, callback: edgefleet.v1.LeaseBroker.RenewCallback): void;
              (request: edgefleet.v1.IRenewRequest): Promise<edgefleet.v1.RenewResponse>;
              readonly name: "Renew";
              readonly path: "/edgefleet.v1.LeaseBroker/Renew";
              readonly requestType: "RenewRequest";
              readonly responseType: "RenewResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type ReleaseCallback = (error: (Error|null), response?: edgefleet.v1.ReleaseResponse) => void;
            type Release = {
              (request: edgefleet.v1.IReleaseRequest, callback: edgefleet.v1.LeaseBroker.ReleaseCallback): void;
              (request: edgefleet.v1.IReleaseRequest): Promise<edgefleet.v1.ReleaseResponse>;
              readonly name: "Release";
              readonly path: "/edgefleet.v1.LeaseBroker/Release";
              readonly requestType: "ReleaseRequest";
              readonly responseType: "ReleaseResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
            type WatchCallback = (error: (Error|null), response?: edgefleet.v1.LeaseEvent) => void;
            type Watch = {
              (request: edgefleet.v1.IWatchRequest, callback: edgefleet.v1.LeaseBroker.WatchCallback): void;
              (request: edgefleet.v1.IWatchRequest): Promise<edgefleet.v1.LeaseEvent>;
              readonly name: "Watch";
              readonly path: "/edgefleet.v1.LeaseBroker/Watch";
              readonly requestType: "WatchRequest";
              readonly responseType: "LeaseEvent";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };
        }

        interface IAccelerator extends edgefleet.v1.Accelerator.$Properties {
        }

        class Accelerator {
            constructor(p?: edgefleet.v1.Accelerator.$Properties);
            $unknowns?: Uint8Array[];
            vendor: string;
            model: string;
            serial: string;
            profile_id: string;
            memory_total_mib: number;
            memory_used_mib: number;
            utilization_pct: number;
            temperature_c: number;
            power_w: number;
            slots_total: number;
            slots_free: number;
            multiplier: number;
            domestic: boolean;
            isolation: string;
            index: string;
            pci_device_id: string;
            mig: edgefleet.v1.MigInstance.$Properties[];
            static encode(m: edgefleet.v1.Accelerator.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Accelerator & edgefleet.v1.Accelerator.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Accelerator;
            static toObject(m: edgefleet.v1.Accelerator, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Accelerator {
            interface $Properties {
                vendor?: (string|null);
                model?: (string|null);
                serial?: (string|null);
                profile_id?: (string|null);
                memory_total_mib?: (number|null);
                memory_used_mib?: (number|null);
                utilization_pct?: (number|null);
                temperature_c?: (number|null);
                power_w?: (number|null);
                slots_total?: (number|null);
                slots_free?: (number|null);
                multiplier?: (number|null);
                domestic?: (boolean|null);
                isolation?: (string|null);
                index?: (string|null);
                pci_device_id?: (string|null);
                mig?: (edgefleet.v1.MigInstance.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Accelerator.$Properties;
        }

        interface IMigInstance extends edgefleet.v1.MigInstance.$Properties {
        }

        class MigInstance {
            constructor(p?: edgefleet.v1.MigInstance.$Properties);
            $unknowns?: Uint8Array[];
            profile: string;
            uuid: string;
            gpu_instance_id: string;
            compute_instance_id: string;
            static encode(m: edgefleet.v1.MigInstance.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.MigInstance & edgefleet.v1.MigInstance.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.MigInstance;
            static toObject(m: edgefleet.v1.MigInstance, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace MigInstance {
            interface $Properties {
                profile?: (string|null);
                uuid?: (string|null);
                gpu_instance_id?: (string|null);
                compute_instance_id?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.MigInstance.$Properties;
        }

        interface IHostMetrics extends edgefleet.v1.HostMetrics.$Properties {
        }

        class HostMetrics {
            constructor(p?: edgefleet.v1.HostMetrics.$Properties);
            $unknowns?: Uint8Array[];
            cpu_pct: number;
            mem_used_bytes: number;
            mem_total_bytes: number;
            net_rx_bytes_per_s: number;
            net_tx_bytes_per_s: number;
            static encode(m: edgefleet.v1.HostMetrics.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.HostMetrics & edgefleet.v1.HostMetrics.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.HostMetrics;
            static toObject(m: edgefleet.v1.HostMetrics, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace HostMetrics {
            interface $Properties {
                cpu_pct?: (number|null);
                mem_used_bytes?: (number|null);
                mem_total_bytes?: (number|null);
                net_rx_bytes_per_s?: (number|null);
                net_tx_bytes_per_s?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.HostMetrics.$Properties;
        }

        interface IPopRtt extends edgefleet.v1.PopRtt.$Properties {
        }

        class PopRtt {
            constructor(p?: edgefleet.v1.PopRtt.$Properties);
            $unknowns?: Uint8Array[];
            pop_id: string;
            rtt_ms: number;
            static encode(m: edgefleet.v1.PopRtt.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.PopRtt & edgefleet.v1.PopRtt.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.PopRtt;
            static toObject(m: edgefleet.v1.PopRtt, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PopRtt {
            interface $Properties {
                pop_id?: (string|null);
                rtt_ms?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.PopRtt.$Properties;
        }

        interface IHookError extends edgefleet.v1.HookError.$Properties {
        }

        class HookError {
            constructor(p?: edgefleet.v1.HookError.$Properties);
            $unknowns?: Uint8Array[];
            hook: string;
            code: string;
            message: string;
            static encode(m: edgefleet.v1.HookError.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.HookError & edgefleet.v1.HookError.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.HookError;
            static toObject(m: edgefleet.v1.HookError, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace HookError {
            interface $Properties {
                hook?: (string|null);
                code?: (string|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.HookError.$Properties;
        }

        interface ITelemetry extends edgefleet.v1.Telemetry.$Properties {
        }

        class Telemetry {
            constructor(p?: edgefleet.v1.Telemetry.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            ts_ms: number;
            accelerators: edgefleet.v1.Accelerator.$Properties[];
            host?: (edgefleet.v1.HostMetrics.$Properties|null);
            site_power_w: number;
            rtt: edgefleet.v1.PopRtt.$Properties[];
            models: string[];
            active_leases: number;
            outbox_depth: number;
            hook_errors: edgefleet.v1.HookError.$Properties[];
            seq: number;
            compute?: (edgefleet.v1.InferenceCompute.$Properties|null);
            static encode(m: edgefleet.v1.Telemetry.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Telemetry & edgefleet.v1.Telemetry.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Telemetry;
            static toObject(m: edgefleet.v1.Telemetry, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Telemetry {
            interface $Properties {
                site_id?: (string|null);
                ts_ms?: (number|null);
                accelerators?: (edgefleet.v1.Accelerator.$Properties[]|null);
                host?: (edgefleet.v1.HostMetrics.$Properties|null);
                site_power_w?: (number|null);
                rtt?: (edgefleet.v1.PopRtt.$Properties[]|null);
                models?: (string[]|null);
                active_leases?: (number|null);
                outbox_depth?: (number|null);
                hook_errors?: (edgefleet.v1.HookError.$Properties[]|null);
                seq?: (number|null);
                compute?: (edgefleet.v1.InferenceCompute.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Telemetry.$Properties;
        }

        interface IModelCompute extends edgefleet.v1.ModelCompute.$Properties {
        }

        class ModelCompute {
            constructor(p?: edgefleet.v1.ModelCompute.$Properties);
            $unknowns?: Uint8Array[];
            model: string;
            requests: number;
            p50_ms: number;
            p95_ms: number;
            max_ms: number;
            static encode(m: edgefleet.v1.ModelCompute.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.ModelCompute & edgefleet.v1.ModelCompute.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.ModelCompute;
            static toObject(m: edgefleet.v1.ModelCompute, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ModelCompute {
            interface $Properties {
                model?: (string|null);
                requests?: (number|null);
                p50_ms?: (number|null);
                p95_ms?: (number|null);
                max_ms?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.ModelCompute.$Properties;
        }

        interface IInferenceCompute extends edgefleet.v1.InferenceCompute.$Properties {
        }

        class InferenceCompute {
            constructor(p?: edgefleet.v1.InferenceCompute.$Properties);
            $unknowns?: Uint8Array[];
            backend: string;
            execution_provider: string;
            interval_ms: number;
            models: edgefleet.v1.ModelCompute.$Properties[];
            static encode(m: edgefleet.v1.InferenceCompute.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.InferenceCompute & edgefleet.v1.InferenceCompute.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.InferenceCompute;
            static toObject(m: edgefleet.v1.InferenceCompute, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace InferenceCompute {
            interface $Properties {
                backend?: (string|null);
                execution_provider?: (string|null);
                interval_ms?: (number|null);
                models?: (edgefleet.v1.ModelCompute.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.InferenceCompute.$Properties;
        }

        enum SiteState {
            SITE_STATE_UNSPECIFIED = 0,
            SITE_STATE_ONLINE = 1,
            SITE_STATE_DRAINING = 2,
            SITE_STATE_OFFLINE = 3
        }

        interface ISiteStatus extends edgefleet.v1.SiteStatus.$Properties {
        }

        class SiteStatus {
            constructor(p?: edgefleet.v1.SiteStatus.$Properties);
            $unknowns?: Uint8Array[];
            site_id: string;
            state: edgefleet.v1.SiteState;
            ts_ms: number;
            agent_version: string;
            inference_endpoint: string;
            lat: number;
            lon: number;
            region: string;
            reason: string;
            static encode(m: edgefleet.v1.SiteStatus.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.SiteStatus & edgefleet.v1.SiteStatus.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.SiteStatus;
            static toObject(m: edgefleet.v1.SiteStatus, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteStatus {
            interface $Properties {
                site_id?: (string|null);
                state?: (edgefleet.v1.SiteState|null);
                ts_ms?: (number|null);
                agent_version?: (string|null);
                inference_endpoint?: (string|null);
                lat?: (number|null);
                lon?: (number|null);
                region?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.SiteStatus.$Properties;
        }

        interface ISiteConfig extends edgefleet.v1.SiteConfig.$Properties {
        }

        class SiteConfig {
            constructor(p?: edgefleet.v1.SiteConfig.$Properties);
            $unknowns?: Uint8Array[];
            telemetry_interval_ms: number;
            burn_flush_interval_ms: number;
            drain: boolean;
            signing_keys: edgefleet.v1.SigningKey.$Properties[];
            tariff?: (edgefleet.v1.Tariff.$Properties|null);
            version: number;
            static encode(m: edgefleet.v1.SiteConfig.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.SiteConfig & edgefleet.v1.SiteConfig.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.SiteConfig;
            static toObject(m: edgefleet.v1.SiteConfig, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SiteConfig {
            interface $Properties {
                telemetry_interval_ms?: (number|null);
                burn_flush_interval_ms?: (number|null);
                drain?: (boolean|null);
                signing_keys?: (edgefleet.v1.SigningKey.$Properties[]|null);
                tariff?: (edgefleet.v1.Tariff.$Properties|null);
                version?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.SiteConfig.$Properties;
        }

        interface ISigningKey extends edgefleet.v1.SigningKey.$Properties {
        }

        class SigningKey {
            constructor(p?: edgefleet.v1.SigningKey.$Properties);
            $unknowns?: Uint8Array[];
            kid: string;
            public_key_pem: string;
            static encode(m: edgefleet.v1.SigningKey.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.SigningKey & edgefleet.v1.SigningKey.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.SigningKey;
            static toObject(m: edgefleet.v1.SigningKey, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SigningKey {
            interface $Properties {
                kid?: (string|null);
                public_key_pem?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.SigningKey.$Properties;
        }

        interface ITariff extends edgefleet.v1.Tariff.$Properties {
        }

        class Tariff {
            constructor(p?: edgefleet.v1.Tariff.$Properties);
            $unknowns?: Uint8Array[];
            currency: string;
            windows: edgefleet.v1.TariffWindow.$Properties[];
            static encode(m: edgefleet.v1.Tariff.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.Tariff & edgefleet.v1.Tariff.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.Tariff;
            static toObject(m: edgefleet.v1.Tariff, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Tariff {
            interface $Properties {
                currency?: (string|null);
                windows?: (edgefleet.v1.TariffWindow.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.Tariff.$Properties;
        }

        interface ITariffWindow extends edgefleet.v1.TariffWindow.$Properties {
        }

        class TariffWindow {
            constructor(p?: edgefleet.v1.TariffWindow.$Properties);
            $unknowns?: Uint8Array[];
            start_hour: number;
            end_hour: number;
            price_per_kwh: number;
            static encode(m: edgefleet.v1.TariffWindow.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): edgefleet.v1.TariffWindow & edgefleet.v1.TariffWindow.$Shape;
            static fromObject(d: { [k: string]: any }): edgefleet.v1.TariffWindow;
            static toObject(m: edgefleet.v1.TariffWindow, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace TariffWindow {
            interface $Properties {
                start_hour?: (number|null);
                end_hour?: (number|null);
                price_per_kwh?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = edgefleet.v1.TariffWindow.$Properties;
        }
    }
}
