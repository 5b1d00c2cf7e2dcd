/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $Array = $util.global.Array, $Boolean = $util.global.Boolean, $isFinite = $util.global.isFinite;

const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const edgefleet = $root.edgefleet = (() => {

const edgefleet = {};

edgefleet.v1 = (function() {

const v1 = {};

v1.BurnRecord = (function() {

const BurnRecord = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

BurnRecord.prototype.site_id = "";
BurnRecord.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnRecord.prototype.lease_id = "";
BurnRecord.prototype.accelerator_model = "";
BurnRecord.prototype.accelerator_serial = "";
BurnRecord.prototype.slot = "";
BurnRecord.prototype.started_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnRecord.prototype.ended_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnRecord.prototype.micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnRecord.prototype.prev_hash = "";
BurnRecord.prototype.hash = "";
BurnRecord.prototype.mig_instance_uuid = "";

BurnRecord.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
w.uint32(16).uint64(m.seq);
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(26).string(m.lease_id);
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model") && m.accelerator_model !== "")
w.uint32(34).string(m.accelerator_model);
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial") && m.accelerator_serial !== "")
w.uint32(42).string(m.accelerator_serial);
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== "")
w.uint32(50).string(m.slot);
if (m.started_at_ms != null && $Object.hasOwnProperty.call(m, "started_at_ms") && (typeof m.started_at_ms === "object" ? m.started_at_ms.low || m.started_at_ms.high : m.started_at_ms !== 0))
w.uint32(56).uint64(m.started_at_ms);
if (m.ended_at_ms != null && $Object.hasOwnProperty.call(m, "ended_at_ms") && (typeof m.ended_at_ms === "object" ? m.ended_at_ms.low || m.ended_at_ms.high : m.ended_at_ms !== 0))
w.uint32(64).uint64(m.ended_at_ms);
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens") && (typeof m.micro_tokens === "object" ? m.micro_tokens.low || m.micro_tokens.high : m.micro_tokens !== 0))
w.uint32(72).uint64(m.micro_tokens);
if (m.prev_hash != null && $Object.hasOwnProperty.call(m, "prev_hash") && m.prev_hash !== "")
w.uint32(82).string(m.prev_hash);
if (m.hash != null && $Object.hasOwnProperty.call(m, "hash") && m.hash !== "")
w.uint32(90).string(m.hash);
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid") && m.mig_instance_uuid !== "")
w.uint32(98).string(m.mig_instance_uuid);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

BurnRecord.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.BurnRecord();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.seq = v;
else
delete m.seq;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_model = v;
else
delete m.accelerator_model;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_serial = v;
else
delete m.accelerator_serial;
continue;
}
case 6: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.slot = v;
else
delete m.slot;
continue;
}
case 7: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.started_at_ms = v;
else
delete m.started_at_ms;
continue;
}
case 8: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.ended_at_ms = v;
else
delete m.ended_at_ms;
continue;
}
case 9: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.micro_tokens = v;
else
delete m.micro_tokens;
continue;
}
case 10: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.prev_hash = v;
else
delete m.prev_hash;
continue;
}
case 11: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hash = v;
else
delete m.hash;
continue;
}
case 12: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.mig_instance_uuid = v;
else
delete m.mig_instance_uuid;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

BurnRecord.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.BurnRecord)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.BurnRecord: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.BurnRecord();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.seq != null) {
if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
if ($util.Long)
m.seq = $util.Long.fromValue(d.seq, true);
else if (typeof d.seq === "string")
m.seq = $parseInt(d.seq, 10);
else if (typeof d.seq === "number")
m.seq = d.seq;
else if (typeof d.seq === "object")
m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
}
}
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.accelerator_model != null) {
if (typeof d.accelerator_model !== "string" || d.accelerator_model.length) {
m.accelerator_model = $String(d.accelerator_model);
}
}
if (d.accelerator_serial != null) {
if (typeof d.accelerator_serial !== "string" || d.accelerator_serial.length) {
m.accelerator_serial = $String(d.accelerator_serial);
}
}
if (d.slot != null) {
if (typeof d.slot !== "string" || d.slot.length) {
m.slot = $String(d.slot);
}
}
if (d.started_at_ms != null) {
if (typeof d.started_at_ms === "object" ? d.started_at_ms.low || d.started_at_ms.high : $Number(d.started_at_ms) !== 0) {
if ($util.Long)
m.started_at_ms = $util.Long.fromValue(d.started_at_ms, true);
else if (typeof d.started_at_ms === "string")
m.started_at_ms = $parseInt(d.started_at_ms, 10);
else if (typeof d.started_at_ms === "number")
m.started_at_ms = d.started_at_ms;
else if (typeof d.started_at_ms === "object")
m.started_at_ms = new $util.LongBits(d.started_at_ms.low >>> 0, d.started_at_ms.high >>> 0).toNumber(true);
}
}
if (d.ended_at_ms != null) {
if (typeof d.ended_at_ms === "object" ? d.ended_at_ms.low || d.ended_at_ms.high : $Number(d.ended_at_ms) !== 0) {
if ($util.Long)
m.ended_at_ms = $util.Long.fromValue(d.ended_at_ms, true);
else if (typeof d.ended_at_ms === "string")
m.ended_at_ms = $parseInt(d.ended_at_ms, 10);
else if (typeof d.ended_at_ms === "number")
m.ended_at_ms = d.ended_at_ms;
else if (typeof d.ended_at_ms === "object")
m.ended_at_ms = new $util.LongBits(d.ended_at_ms.low >>> 0, d.ended_at_ms.high >>> 0).toNumber(true);
}
}
if (d.micro_tokens != null) {
if (typeof d.micro_tokens === "object" ? d.micro_tokens.low || d.micro_tokens.high : $Number(d.micro_tokens) !== 0) {
if ($util.Long)
m.micro_tokens = $util.Long.fromValue(d.micro_tokens, true);
else if (typeof d.micro_tokens === "string")
m.micro_tokens = $parseInt(d.micro_tokens, 10);
else if (typeof d.micro_tokens === "number")
m.micro_tokens = d.micro_tokens;
else if (typeof d.micro_tokens === "object")
m.micro_tokens = new $util.LongBits(d.micro_tokens.low >>> 0, d.micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.prev_hash != null) {
if (typeof d.prev_hash !== "string" || d.prev_hash.length) {
m.prev_hash = $String(d.prev_hash);
}
}
if (d.hash != null) {
if (typeof d.hash !== "string" || d.hash.length) {
m.hash = $String(d.hash);
}
}
if (d.mig_instance_uuid != null) {
if (typeof d.mig_instance_uuid !== "string" || d.mig_instance_uuid.length) {
m.mig_instance_uuid = $String(d.mig_instance_uuid);
}
}
return m;
};

BurnRecord.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.site_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.lease_id = "";
d.accelerator_model = "";
d.accelerator_serial = "";
d.slot = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.started_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.started_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.ended_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.ended_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.prev_hash = "";
d.hash = "";
d.mig_instance_uuid = "";
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
else if (typeof m.seq === "number")
d.seq = o.longs === $String ? $String(m.seq) : m.seq;
else
d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model")) {
d.accelerator_model = m.accelerator_model;
}
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial")) {
d.accelerator_serial = m.accelerator_serial;
}
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
d.slot = m.slot;
}
if (m.started_at_ms != null && $Object.hasOwnProperty.call(m, "started_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.started_at_ms = typeof m.started_at_ms === "number" ? $BigInt(m.started_at_ms) : $util.Long.fromBits(m.started_at_ms.low >>> 0, m.started_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.started_at_ms === "number")
d.started_at_ms = o.longs === $String ? $String(m.started_at_ms) : m.started_at_ms;
else
d.started_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.started_at_ms) : o.longs === $Number ? new $util.LongBits(m.started_at_ms.low >>> 0, m.started_at_ms.high >>> 0).toNumber(true) : m.started_at_ms;
}
if (m.ended_at_ms != null && $Object.hasOwnProperty.call(m, "ended_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.ended_at_ms = typeof m.ended_at_ms === "number" ? $BigInt(m.ended_at_ms) : $util.Long.fromBits(m.ended_at_ms.low >>> 0, m.ended_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.ended_at_ms === "number")
d.ended_at_ms = o.longs === $String ? $String(m.ended_at_ms) : m.ended_at_ms;
else
d.ended_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.ended_at_ms) : o.longs === $Number ? new $util.LongBits(m.ended_at_ms.low >>> 0, m.ended_at_ms.high >>> 0).toNumber(true) : m.ended_at_ms;
}
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.micro_tokens = typeof m.micro_tokens === "number" ? $BigInt(m.micro_tokens) : $util.Long.fromBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.micro_tokens === "number")
d.micro_tokens = o.longs === $String ? $String(m.micro_tokens) : m.micro_tokens;
else
d.micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.micro_tokens) : o.longs === $Number ? new $util.LongBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0).toNumber(true) : m.micro_tokens;
}
if (m.prev_hash != null && $Object.hasOwnProperty.call(m, "prev_hash")) {
d.prev_hash = m.prev_hash;
}
if (m.hash != null && $Object.hasOwnProperty.call(m, "hash")) {
d.hash = m.hash;
}
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid")) {
d.mig_instance_uuid = m.mig_instance_uuid;
}
return d;
};

BurnRecord.prototype.toJSON = function() {
return BurnRecord.toObject(this, $protobuf.util.toJSONOptions);
};

BurnRecord.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.BurnRecord";
};

return BurnRecord;
})();

v1.BurnBatch = (function() {

const BurnBatch = function (p) {
this.records = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

BurnBatch.prototype.site_id = "";
BurnBatch.prototype.records = $util.emptyArray;
BurnBatch.prototype.signature = $util.newBuffer([]);

BurnBatch.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.records != null && m.records.length) {
for (var i = 0; i < m.records.length; ++i)
$root.edgefleet.v1.BurnRecord.encode(m.records[i], w.uint32(18).fork(), q + 1).ldelim();
}
if (m.signature != null && $Object.hasOwnProperty.call(m, "signature") && m.signature.length)
w.uint32(26).bytes(m.signature);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

BurnBatch.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.BurnBatch();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 2)
break;
if (!(m.records && m.records.length))
m.records = [];
m.records.push($root.edgefleet.v1.BurnRecord.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.bytes()).length)
m.signature = v;
else
delete m.signature;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

BurnBatch.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.BurnBatch)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.BurnBatch: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.BurnBatch();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.records) {
if (!$Array.isArray(d.records))
throw $TypeError(".edgefleet.v1.BurnBatch.records: array expected");
m.records = $Array(d.records.length);
for (var i = 0; i < d.records.length; ++i) {
if (!$util.isObject(d.records[i]))
throw $TypeError(".edgefleet.v1.BurnBatch.records: object expected");
m.records[i] = $root.edgefleet.v1.BurnRecord.fromObject(d.records[i], q + 1);
}
}
if (d.signature != null) {
if (d.signature.length) {
if (typeof d.signature === "string")
$util.base64.decode(d.signature, m.signature = $util.newBuffer($util.base64.length(d.signature)), 0);
else if (d.signature.length >= 0)
m.signature = d.signature;
}
}
return m;
};

BurnBatch.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.records = [];
}
if (o.defaults) {
d.site_id = "";
if (o.bytes === $String)
d.signature = "";
else {
d.signature = [];
if (o.bytes !== $Array)
d.signature = $util.newBuffer(d.signature);
}
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.records && m.records.length) {
d.records = $Array(m.records.length);
for (var j = 0; j < m.records.length; ++j) {
d.records[j] = $root.edgefleet.v1.BurnRecord.toObject(m.records[j], o, q + 1);
}
}
if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
d.signature = o.bytes === $String ? $util.base64.encode(m.signature, 0, m.signature.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.signature) : m.signature;
}
return d;
};

BurnBatch.prototype.toJSON = function() {
return BurnBatch.toObject(this, $protobuf.util.toJSONOptions);
};

BurnBatch.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.BurnBatch";
};

return BurnBatch;
})();

v1.BurnAck = (function() {

const BurnAck = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

BurnAck.prototype.site_id = "";
BurnAck.prototype.acked_seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnAck.prototype.resend_from = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
BurnAck.prototype.run_id = "";

BurnAck.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.acked_seq != null && $Object.hasOwnProperty.call(m, "acked_seq") && (typeof m.acked_seq === "object" ? m.acked_seq.low || m.acked_seq.high : m.acked_seq !== 0))
w.uint32(16).uint64(m.acked_seq);
if (m.resend_from != null && $Object.hasOwnProperty.call(m, "resend_from") && (typeof m.resend_from === "object" ? m.resend_from.low || m.resend_from.high : m.resend_from !== 0))
w.uint32(24).uint64(m.resend_from);
if (m.run_id != null && $Object.hasOwnProperty.call(m, "run_id") && m.run_id !== "")
w.uint32(34).string(m.run_id);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

BurnAck.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.BurnAck();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.acked_seq = v;
else
delete m.acked_seq;
continue;
}
case 3: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.resend_from = v;
else
delete m.resend_from;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.run_id = v;
else
delete m.run_id;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

BurnAck.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.BurnAck)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.BurnAck: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.BurnAck();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.acked_seq != null) {
if (typeof d.acked_seq === "object" ? d.acked_seq.low || d.acked_seq.high : $Number(d.acked_seq) !== 0) {
if ($util.Long)
m.acked_seq = $util.Long.fromValue(d.acked_seq, true);
else if (typeof d.acked_seq === "string")
m.acked_seq = $parseInt(d.acked_seq, 10);
else if (typeof d.acked_seq === "number")
m.acked_seq = d.acked_seq;
else if (typeof d.acked_seq === "object")
m.acked_seq = new $util.LongBits(d.acked_seq.low >>> 0, d.acked_seq.high >>> 0).toNumber(true);
}
}
if (d.resend_from != null) {
if (typeof d.resend_from === "object" ? d.resend_from.low || d.resend_from.high : $Number(d.resend_from) !== 0) {
if ($util.Long)
m.resend_from = $util.Long.fromValue(d.resend_from, true);
else if (typeof d.resend_from === "string")
m.resend_from = $parseInt(d.resend_from, 10);
else if (typeof d.resend_from === "number")
m.resend_from = d.resend_from;
else if (typeof d.resend_from === "object")
m.resend_from = new $util.LongBits(d.resend_from.low >>> 0, d.resend_from.high >>> 0).toNumber(true);
}
}
if (d.run_id != null) {
if (typeof d.run_id !== "string" || d.run_id.length) {
m.run_id = $String(d.run_id);
}
}
return m;
};

BurnAck.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.site_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.acked_seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.acked_seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.resend_from = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.resend_from = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.run_id = "";
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.acked_seq != null && $Object.hasOwnProperty.call(m, "acked_seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.acked_seq = typeof m.acked_seq === "number" ? $BigInt(m.acked_seq) : $util.Long.fromBits(m.acked_seq.low >>> 0, m.acked_seq.high >>> 0, true).toBigInt();
else if (typeof m.acked_seq === "number")
d.acked_seq = o.longs === $String ? $String(m.acked_seq) : m.acked_seq;
else
d.acked_seq = o.longs === $String ? $util.Long.prototype.toString.call(m.acked_seq) : o.longs === $Number ? new $util.LongBits(m.acked_seq.low >>> 0, m.acked_seq.high >>> 0).toNumber(true) : m.acked_seq;
}
if (m.resend_from != null && $Object.hasOwnProperty.call(m, "resend_from")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.resend_from = typeof m.resend_from === "number" ? $BigInt(m.resend_from) : $util.Long.fromBits(m.resend_from.low >>> 0, m.resend_from.high >>> 0, true).toBigInt();
else if (typeof m.resend_from === "number")
d.resend_from = o.longs === $String ? $String(m.resend_from) : m.resend_from;
else
d.resend_from = o.longs === $String ? $util.Long.prototype.toString.call(m.resend_from) : o.longs === $Number ? new $util.LongBits(m.resend_from.low >>> 0, m.resend_from.high >>> 0).toNumber(true) : m.resend_from;
}
if (m.run_id != null && $Object.hasOwnProperty.call(m, "run_id")) {
d.run_id = m.run_id;
}
return d;
};

BurnAck.prototype.toJSON = function() {
return BurnAck.toObject(this, $protobuf.util.toJSONOptions);
};

BurnAck.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.BurnAck";
};

return BurnAck;
})();

v1.AgentHello = (function() {

const AgentHello = function (p) {
this.models = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

AgentHello.prototype.site_id = "";
AgentHello.prototype.secret = "";
AgentHello.prototype.inference_endpoint = "";
AgentHello.prototype.models = $util.emptyArray;
AgentHello.prototype.slots_total = 0;
AgentHello.prototype.slots_free = 0;
AgentHello.prototype.agent_version = "";
AgentHello.prototype.probe = false;
AgentHello.prototype.inference_tls = false;
AgentHello.prototype.answers_pings = false;
AgentHello.prototype.accepts_mac_tokens = false;

AgentHello.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.secret != null && $Object.hasOwnProperty.call(m, "secret") && m.secret !== "")
w.uint32(18).string(m.secret);
if (m.inference_endpoint != null && $Object.hasOwnProperty.call(m, "inference_endpoint") && m.inference_endpoint !== "")
w.uint32(26).string(m.inference_endpoint);
if (m.models != null && m.models.length) {
for (var i = 0; i < m.models.length; ++i)
w.uint32(34).string(m.models[i]);
}
if (m.slots_total != null && $Object.hasOwnProperty.call(m, "slots_total") && m.slots_total !== 0)
w.uint32(40).uint32(m.slots_total);
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free") && m.slots_free !== 0)
w.uint32(48).uint32(m.slots_free);
if (m.agent_version != null && $Object.hasOwnProperty.call(m, "agent_version") && m.agent_version !== "")
w.uint32(58).string(m.agent_version);
if (m.probe != null && $Object.hasOwnProperty.call(m, "probe") && m.probe !== false)
w.uint32(64).bool(m.probe);
if (m.inference_tls != null && $Object.hasOwnProperty.call(m, "inference_tls") && m.inference_tls !== false)
w.uint32(72).bool(m.inference_tls);
if (m.answers_pings != null && $Object.hasOwnProperty.call(m, "answers_pings") && m.answers_pings !== false)
w.uint32(80).bool(m.answers_pings);
if (m.accepts_mac_tokens != null && $Object.hasOwnProperty.call(m, "accepts_mac_tokens") && m.accepts_mac_tokens !== false)
w.uint32(88).bool(m.accepts_mac_tokens);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

AgentHello.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.AgentHello();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.secret = v;
else
delete m.secret;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.inference_endpoint = v;
else
delete m.inference_endpoint;
continue;
}
case 4: {
if (u !== 2)
break;
if (!(m.models && m.models.length))
m.models = [];
m.models.push(r.stringVerify());
continue;
}
case 5: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_total = v;
else
delete m.slots_total;
continue;
}
case 6: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_free = v;
else
delete m.slots_free;
continue;
}
case 7: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.agent_version = v;
else
delete m.agent_version;
continue;
}
case 8: {
if (u !== 0)
break;
if (v = r.bool())
m.probe = v;
else
delete m.probe;
continue;
}
case 9: {
if (u !== 0)
break;
if (v = r.bool())
m.inference_tls = v;
else
delete m.inference_tls;
continue;
}
case 10: {
if (u !== 0)
break;
if (v = r.bool())
m.answers_pings = v;
else
delete m.answers_pings;
continue;
}
case 11: {
if (u !== 0)
break;
if (v = r.bool())
m.accepts_mac_tokens = v;
else
delete m.accepts_mac_tokens;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

AgentHello.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.AgentHello)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.AgentHello: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.AgentHello();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.secret != null) {
if (typeof d.secret !== "string" || d.secret.length) {
m.secret = $String(d.secret);
}
}
if (d.inference_endpoint != null) {
if (typeof d.inference_endpoint !== "string" || d.inference_endpoint.length) {
m.inference_endpoint = $String(d.inference_endpoint);
}
}
if (d.models) {
if (!$Array.isArray(d.models))
throw $TypeError(".edgefleet.v1.AgentHello.models: array expected");
m.models = $Array(d.models.length);
for (var i = 0; i < d.models.length; ++i) {
m.models[i] = $String(d.models[i]);
}
}
if (d.slots_total != null) {
if ($Number(d.slots_total) !== 0) {
m.slots_total = d.slots_total >>> 0;
}
}
if (d.slots_free != null) {
if ($Number(d.slots_free) !== 0) {
m.slots_free = d.slots_free >>> 0;
}
}
if (d.agent_version != null) {
if (typeof d.agent_version !== "string" || d.agent_version.length) {
m.agent_version = $String(d.agent_version);
}
}
if (d.probe != null) {
if (d.probe) {
m.probe = $Boolean(d.probe);
}
}
if (d.inference_tls != null) {
if (d.inference_tls) {
m.inference_tls = $Boolean(d.inference_tls);
}
}
if (d.answers_pings != null) {
if (d.answers_pings) {
m.answers_pings = $Boolean(d.answers_pings);
}
}
if (d.accepts_mac_tokens != null) {
if (d.accepts_mac_tokens) {
m.accepts_mac_tokens = $Boolean(d.accepts_mac_tokens);
}
}
return m;
};

AgentHello.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.models = [];
}
if (o.defaults) {
d.site_id = "";
d.secret = "";
d.inference_endpoint = "";
d.slots_total = 0;
d.slots_free = 0;
d.agent_version = "";
d.probe = false;
d.inference_tls = false;
d.answers_pings = false;
d.accepts_mac_tokens = false;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.secret != null && $Object.hasOwnProperty.call(m, "secret")) {
d.secret = m.secret;
}
if (m.inference_endpoint != null && $Object.hasOwnProperty.call(m, "inference_endpoint")) {
d.inference_endpoint = m.inference_endpoint;
}
if (m.models && m.models.length) {
d.models = $Array(m.models.length);
for (var j = 0; j < m.models.length; ++j) {
d.models[j] = m.models[j];
}
}
if (m.slots_total != null && $Object.hasOwnProperty.call(m, "slots_total")) {
d.slots_total = m.slots_total;
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free")) {
d.slots_free = m.slots_free;
}
if (m.agent_version != null && $Object.hasOwnProperty.call(m, "agent_version")) {
d.agent_version = m.agent_version;
}
if (m.probe != null && $Object.hasOwnProperty.call(m, "probe")) {
d.probe = m.probe;
}
if (m.inference_tls != null && $Object.hasOwnProperty.call(m, "inference_tls")) {
d.inference_tls = m.inference_tls;
}
if (m.answers_pings != null && $Object.hasOwnProperty.call(m, "answers_pings")) {
d.answers_pings = m.answers_pings;
}
if (m.accepts_mac_tokens != null && $Object.hasOwnProperty.call(m, "accepts_mac_tokens")) {
d.accepts_mac_tokens = m.accepts_mac_tokens;
}
return d;
};

AgentHello.prototype.toJSON = function() {
return AgentHello.toObject(this, $protobuf.util.toJSONOptions);
};

AgentHello.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.AgentHello";
};

return AgentHello;
})();

v1.LeaseOffer = (function() {

const LeaseOffer = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseOffer.prototype.offer_id = "";
LeaseOffer.prototype.lease_id = "";
LeaseOffer.prototype.hold_id = "";
LeaseOffer.prototype.model = "";
LeaseOffer.prototype.budget_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
LeaseOffer.prototype.expires_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
LeaseOffer.prototype.isolation = "";

LeaseOffer.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.offer_id != null && $Object.hasOwnProperty.call(m, "offer_id") && m.offer_id !== "")
w.uint32(10).string(m.offer_id);
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(18).string(m.lease_id);
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(26).string(m.hold_id);
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(34).string(m.model);
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens") && (typeof m.budget_micro_tokens === "object" ? m.budget_micro_tokens.low || m.budget_micro_tokens.high : m.budget_micro_tokens !== 0))
w.uint32(40).uint64(m.budget_micro_tokens);
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms") && (typeof m.expires_at_ms === "object" ? m.expires_at_ms.low || m.expires_at_ms.high : m.expires_at_ms !== 0))
w.uint32(48).uint64(m.expires_at_ms);
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation") && m.isolation !== "")
w.uint32(58).string(m.isolation);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseOffer.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseOffer();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.offer_id = v;
else
delete m.offer_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.budget_micro_tokens = v;
else
delete m.budget_micro_tokens;
continue;
}
case 6: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.expires_at_ms = v;
else
delete m.expires_at_ms;
continue;
}
case 7: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.isolation = v;
else
delete m.isolation;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseOffer.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseOffer)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseOffer: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseOffer();
if (d.offer_id != null) {
if (typeof d.offer_id !== "string" || d.offer_id.length) {
m.offer_id = $String(d.offer_id);
}
}
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.budget_micro_tokens != null) {
if (typeof d.budget_micro_tokens === "object" ? d.budget_micro_tokens.low || d.budget_micro_tokens.high : $Number(d.budget_micro_tokens) !== 0) {
if ($util.Long)
m.budget_micro_tokens = $util.Long.fromValue(d.budget_micro_tokens, true);
else if (typeof d.budget_micro_tokens === "string")
m.budget_micro_tokens = $parseInt(d.budget_micro_tokens, 10);
else if (typeof d.budget_micro_tokens === "number")
m.budget_micro_tokens = d.budget_micro_tokens;
else if (typeof d.budget_micro_tokens === "object")
m.budget_micro_tokens = new $util.LongBits(d.budget_micro_tokens.low >>> 0, d.budget_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.expires_at_ms != null) {
if (typeof d.expires_at_ms === "object" ? d.expires_at_ms.low || d.expires_at_ms.high : $Number(d.expires_at_ms) !== 0) {
if ($util.Long)
m.expires_at_ms = $util.Long.fromValue(d.expires_at_ms, true);
else if (typeof d.expires_at_ms === "string")
m.expires_at_ms = $parseInt(d.expires_at_ms, 10);
else if (typeof d.expires_at_ms === "number")
m.expires_at_ms = d.expires_at_ms;
else if (typeof d.expires_at_ms === "object")
m.expires_at_ms = new $util.LongBits(d.expires_at_ms.low >>> 0, d.expires_at_ms.high >>> 0).toNumber(true);
}
}
if (d.isolation != null) {
if (typeof d.isolation !== "string" || d.isolation.length) {
m.isolation = $String(d.isolation);
}
}
return m;
};

LeaseOffer.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.offer_id = "";
d.lease_id = "";
d.hold_id = "";
d.model = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.budget_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.budget_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.expires_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.expires_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.isolation = "";
}
if (m.offer_id != null && $Object.hasOwnProperty.call(m, "offer_id")) {
d.offer_id = m.offer_id;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.budget_micro_tokens = typeof m.budget_micro_tokens === "number" ? $BigInt(m.budget_micro_tokens) : $util.Long.fromBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.budget_micro_tokens === "number")
d.budget_micro_tokens = o.longs === $String ? $String(m.budget_micro_tokens) : m.budget_micro_tokens;
else
d.budget_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.budget_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0).toNumber(true) : m.budget_micro_tokens;
}
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.expires_at_ms = typeof m.expires_at_ms === "number" ? $BigInt(m.expires_at_ms) : $util.Long.fromBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.expires_at_ms === "number")
d.expires_at_ms = o.longs === $String ? $String(m.expires_at_ms) : m.expires_at_ms;
else
d.expires_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.expires_at_ms) : o.longs === $Number ? new $util.LongBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0).toNumber(true) : m.expires_at_ms;
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation")) {
d.isolation = m.isolation;
}
return d;
};

LeaseOffer.prototype.toJSON = function() {
return LeaseOffer.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseOffer.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseOffer";
};

return LeaseOffer;
})();

v1.OfferReply = (function() {

const OfferReply = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

OfferReply.prototype.offer_id = "";
OfferReply.prototype.admitted = false;
OfferReply.prototype.reason = "";
OfferReply.prototype.slot = "";
OfferReply.prototype.accelerator_model = "";
OfferReply.prototype.accelerator_serial = "";
OfferReply.prototype.slots_free = 0;
OfferReply.prototype.mig_instance_uuid = "";

OfferReply.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.offer_id != null && $Object.hasOwnProperty.call(m, "offer_id") && m.offer_id !== "")
w.uint32(10).string(m.offer_id);
if (m.admitted != null && $Object.hasOwnProperty.call(m, "admitted") && m.admitted !== false)
w.uint32(16).bool(m.admitted);
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
w.uint32(26).string(m.reason);
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== "")
w.uint32(34).string(m.slot);
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model") && m.accelerator_model !== "")
w.uint32(42).string(m.accelerator_model);
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial") && m.accelerator_serial !== "")
w.uint32(50).string(m.accelerator_serial);
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free") && m.slots_free !== 0)
w.uint32(56).uint32(m.slots_free);
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid") && m.mig_instance_uuid !== "")
w.uint32(66).string(m.mig_instance_uuid);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

OfferReply.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.OfferReply();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.offer_id = v;
else
delete m.offer_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.bool())
m.admitted = v;
else
delete m.admitted;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.reason = v;
else
delete m.reason;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.slot = v;
else
delete m.slot;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_model = v;
else
delete m.accelerator_model;
continue;
}
case 6: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_serial = v;
else
delete m.accelerator_serial;
continue;
}
case 7: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_free = v;
else
delete m.slots_free;
continue;
}
case 8: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.mig_instance_uuid = v;
else
delete m.mig_instance_uuid;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

OfferReply.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.OfferReply)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.OfferReply: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.OfferReply();
if (d.offer_id != null) {
if (typeof d.offer_id !== "string" || d.offer_id.length) {
m.offer_id = $String(d.offer_id);
}
}
if (d.admitted != null) {
if (d.admitted) {
m.admitted = $Boolean(d.admitted);
}
}
if (d.reason != null) {
if (typeof d.reason !== "string" || d.reason.length) {
m.reason = $String(d.reason);
}
}
if (d.slot != null) {
if (typeof d.slot !== "string" || d.slot.length) {
m.slot = $String(d.slot);
}
}
if (d.accelerator_model != null) {
if (typeof d.accelerator_model !== "string" || d.accelerator_model.length) {
m.accelerator_model = $String(d.accelerator_model);
}
}
if (d.accelerator_serial != null) {
if (typeof d.accelerator_serial !== "string" || d.accelerator_serial.length) {
m.accelerator_serial = $String(d.accelerator_serial);
}
}
if (d.slots_free != null) {
if ($Number(d.slots_free) !== 0) {
m.slots_free = d.slots_free >>> 0;
}
}
if (d.mig_instance_uuid != null) {
if (typeof d.mig_instance_uuid !== "string" || d.mig_instance_uuid.length) {
m.mig_instance_uuid = $String(d.mig_instance_uuid);
}
}
return m;
};

OfferReply.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.offer_id = "";
d.admitted = false;
d.reason = "";
d.slot = "";
d.accelerator_model = "";
d.accelerator_serial = "";
d.slots_free = 0;
d.mig_instance_uuid = "";
}
if (m.offer_id != null && $Object.hasOwnProperty.call(m, "offer_id")) {
d.offer_id = m.offer_id;
}
if (m.admitted != null && $Object.hasOwnProperty.call(m, "admitted")) {
d.admitted = m.admitted;
}
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
d.reason = m.reason;
}
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
d.slot = m.slot;
}
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model")) {
d.accelerator_model = m.accelerator_model;
}
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial")) {
d.accelerator_serial = m.accelerator_serial;
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free")) {
d.slots_free = m.slots_free;
}
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid")) {
d.mig_instance_uuid = m.mig_instance_uuid;
}
return d;
};

OfferReply.prototype.toJSON = function() {
return OfferReply.toObject(this, $protobuf.util.toJSONOptions);
};

OfferReply.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.OfferReply";
};

return OfferReply;
})();

v1.LeaseRenewal = (function() {

const LeaseRenewal = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseRenewal.prototype.lease_id = "";
LeaseRenewal.prototype.expires_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

LeaseRenewal.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(10).string(m.lease_id);
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms") && (typeof m.expires_at_ms === "object" ? m.expires_at_ms.low || m.expires_at_ms.high : m.expires_at_ms !== 0))
w.uint32(16).uint64(m.expires_at_ms);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseRenewal.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseRenewal();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.expires_at_ms = v;
else
delete m.expires_at_ms;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseRenewal.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseRenewal)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseRenewal: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseRenewal();
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.expires_at_ms != null) {
if (typeof d.expires_at_ms === "object" ? d.expires_at_ms.low || d.expires_at_ms.high : $Number(d.expires_at_ms) !== 0) {
if ($util.Long)
m.expires_at_ms = $util.Long.fromValue(d.expires_at_ms, true);
else if (typeof d.expires_at_ms === "string")
m.expires_at_ms = $parseInt(d.expires_at_ms, 10);
else if (typeof d.expires_at_ms === "number")
m.expires_at_ms = d.expires_at_ms;
else if (typeof d.expires_at_ms === "object")
m.expires_at_ms = new $util.LongBits(d.expires_at_ms.low >>> 0, d.expires_at_ms.high >>> 0).toNumber(true);
}
}
return m;
};

LeaseRenewal.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.lease_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.expires_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.expires_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.expires_at_ms = typeof m.expires_at_ms === "number" ? $BigInt(m.expires_at_ms) : $util.Long.fromBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.expires_at_ms === "number")
d.expires_at_ms = o.longs === $String ? $String(m.expires_at_ms) : m.expires_at_ms;
else
d.expires_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.expires_at_ms) : o.longs === $Number ? new $util.LongBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0).toNumber(true) : m.expires_at_ms;
}
return d;
};

LeaseRenewal.prototype.toJSON = function() {
return LeaseRenewal.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseRenewal.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseRenewal";
};

return LeaseRenewal;
})();

v1.LeaseRevoke = (function() {

const LeaseRevoke = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseRevoke.prototype.lease_id = "";
LeaseRevoke.prototype.reason = "";

LeaseRevoke.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(10).string(m.lease_id);
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
w.uint32(18).string(m.reason);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseRevoke.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseRevoke();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.reason = v;
else
delete m.reason;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseRevoke.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseRevoke)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseRevoke: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseRevoke();
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.reason != null) {
if (typeof d.reason !== "string" || d.reason.length) {
m.reason = $String(d.reason);
}
}
return m;
};

LeaseRevoke.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.lease_id = "";
d.reason = "";
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
d.reason = m.reason;
}
return d;
};

LeaseRevoke.prototype.toJSON = function() {
return LeaseRevoke.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseRevoke.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseRevoke";
};

return LeaseRevoke;
})();

v1.LeaseEnded = (function() {

const LeaseEnded = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseEnded.prototype.lease_id = "";
LeaseEnded.prototype.reason = "";
LeaseEnded.prototype.slots_free = 0;

LeaseEnded.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(10).string(m.lease_id);
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
w.uint32(18).string(m.reason);
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free") && m.slots_free !== 0)
w.uint32(24).uint32(m.slots_free);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseEnded.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseEnded();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.reason = v;
else
delete m.reason;
continue;
}
case 3: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_free = v;
else
delete m.slots_free;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseEnded.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseEnded)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseEnded: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseEnded();
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.reason != null) {
if (typeof d.reason !== "string" || d.reason.length) {
m.reason = $String(d.reason);
}
}
if (d.slots_free != null) {
if ($Number(d.slots_free) !== 0) {
m.slots_free = d.slots_free >>> 0;
}
}
return m;
};

LeaseEnded.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.lease_id = "";
d.reason = "";
d.slots_free = 0;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
d.reason = m.reason;
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free")) {
d.slots_free = m.slots_free;
}
return d;
};

LeaseEnded.prototype.toJSON = function() {
return LeaseEnded.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseEnded.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseEnded";
};

return LeaseEnded;
})();

v1.Drain = (function() {

const Drain = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Drain.prototype.drain = false;

Drain.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain") && m.drain !== false)
w.uint32(8).bool(m.drain);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Drain.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Drain();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (v = r.bool())
m.drain = v;
else
delete m.drain;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Drain.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Drain)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Drain: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Drain();
if (d.drain != null) {
if (d.drain) {
m.drain = $Boolean(d.drain);
}
}
return m;
};

Drain.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.drain = false;
}
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain")) {
d.drain = m.drain;
}
return d;
};

Drain.prototype.toJSON = function() {
return Drain.toObject(this, $protobuf.util.toJSONOptions);
};

Drain.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Drain";
};

return Drain;
})();

v1.Ping = (function() {

const Ping = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Ping.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

Ping.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
w.uint32(8).uint64(m.seq);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Ping.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Ping();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.seq = v;
else
delete m.seq;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Ping.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Ping)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Ping: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Ping();
if (d.seq != null) {
if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
if ($util.Long)
m.seq = $util.Long.fromValue(d.seq, true);
else if (typeof d.seq === "string")
m.seq = $parseInt(d.seq, 10);
else if (typeof d.seq === "number")
m.seq = d.seq;
else if (typeof d.seq === "object")
m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
}
}
return m;
};

Ping.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
else if (typeof m.seq === "number")
d.seq = o.longs === $String ? $String(m.seq) : m.seq;
else
d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
}
return d;
};

Ping.prototype.toJSON = function() {
return Ping.toObject(this, $protobuf.util.toJSONOptions);
};

Ping.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Ping";
};

return Ping;
})();

v1.Pong = (function() {

const Pong = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Pong.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

Pong.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
w.uint32(8).uint64(m.seq);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Pong.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Pong();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.seq = v;
else
delete m.seq;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Pong.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Pong)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Pong: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Pong();
if (d.seq != null) {
if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
if ($util.Long)
m.seq = $util.Long.fromValue(d.seq, true);
else if (typeof d.seq === "string")
m.seq = $parseInt(d.seq, 10);
else if (typeof d.seq === "number")
m.seq = d.seq;
else if (typeof d.seq === "object")
m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
}
}
return m;
};

Pong.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
else if (typeof m.seq === "number")
d.seq = o.longs === $String ? $String(m.seq) : m.seq;
else
d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
}
return d;
};

Pong.prototype.toJSON = function() {
return Pong.toObject(this, $protobuf.util.toJSONOptions);
};

Pong.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Pong";
};

return Pong;
})();

v1.LeaseMacKey = (function() {

const LeaseMacKey = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseMacKey.prototype.kid = "";
LeaseMacKey.prototype.key = $util.newBuffer([]);

LeaseMacKey.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.kid != null && $Object.hasOwnProperty.call(m, "kid") && m.kid !== "")
w.uint32(10).string(m.kid);
if (m.key != null && $Object.hasOwnProperty.call(m, "key") && m.key.length)
w.uint32(18).bytes(m.key);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseMacKey.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseMacKey();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.kid = v;
else
delete m.kid;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.bytes()).length)
m.key = v;
else
delete m.key;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseMacKey.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseMacKey)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseMacKey: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseMacKey();
if (d.kid != null) {
if (typeof d.kid !== "string" || d.kid.length) {
m.kid = $String(d.kid);
}
}
if (d.key != null) {
if (d.key.length) {
if (typeof d.key === "string")
$util.base64.decode(d.key, m.key = $util.newBuffer($util.base64.length(d.key)), 0);
else if (d.key.length >= 0)
m.key = d.key;
}
}
return m;
};

LeaseMacKey.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.kid = "";
if (o.bytes === $String)
d.key = "";
else {
d.key = [];
if (o.bytes !== $Array)
d.key = $util.newBuffer(d.key);
}
}
if (m.kid != null && $Object.hasOwnProperty.call(m, "kid")) {
d.kid = m.kid;
}
if (m.key != null && $Object.hasOwnProperty.call(m, "key")) {
d.key = o.bytes === $String ? $util.base64.encode(m.key, 0, m.key.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.key) : m.key;
}
return d;
};

LeaseMacKey.prototype.toJSON = function() {
return LeaseMacKey.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseMacKey.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseMacKey";
};

return LeaseMacKey;
})();

v1.LeaseMacKeys = (function() {

const LeaseMacKeys = function (p) {
this.keys = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseMacKeys.prototype.keys = $util.emptyArray;

LeaseMacKeys.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.keys != null && m.keys.length) {
for (var i = 0; i < m.keys.length; ++i)
$root.edgefleet.v1.LeaseMacKey.encode(m.keys[i], w.uint32(10).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseMacKeys.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseMacKeys();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if (!(m.keys && m.keys.length))
m.keys = [];
m.keys.push($root.edgefleet.v1.LeaseMacKey.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseMacKeys.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseMacKeys)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseMacKeys: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseMacKeys();
if (d.keys) {
if (!$Array.isArray(d.keys))
throw $TypeError(".edgefleet.v1.LeaseMacKeys.keys: array expected");
m.keys = $Array(d.keys.length);
for (var i = 0; i < d.keys.length; ++i) {
if (!$util.isObject(d.keys[i]))
throw $TypeError(".edgefleet.v1.LeaseMacKeys.keys: object expected");
m.keys[i] = $root.edgefleet.v1.LeaseMacKey.fromObject(d.keys[i], q + 1);
}
}
return m;
};

LeaseMacKeys.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.keys = [];
}
if (m.keys && m.keys.length) {
d.keys = $Array(m.keys.length);
for (var j = 0; j < m.keys.length; ++j) {
d.keys[j] = $root.edgefleet.v1.LeaseMacKey.toObject(m.keys[j], o, q + 1);
}
}
return d;
};

LeaseMacKeys.prototype.toJSON = function() {
return LeaseMacKeys.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseMacKeys.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseMacKeys";
};

return LeaseMacKeys;
})();

v1.Welcome = (function() {

const Welcome = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Welcome.prototype.site_id = "";
Welcome.prototype.server_time_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Welcome.prototype.accepts_quota = false;

Welcome.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.server_time_ms != null && $Object.hasOwnProperty.call(m, "server_time_ms") && (typeof m.server_time_ms === "object" ? m.server_time_ms.low || m.server_time_ms.high : m.server_time_ms !== 0))
w.uint32(16).uint64(m.server_time_ms);
if (m.accepts_quota != null && $Object.hasOwnProperty.call(m, "accepts_quota") && m.accepts_quota !== false)
w.uint32(24).bool(m.accepts_quota);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Welcome.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Welcome();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.server_time_ms = v;
else
delete m.server_time_ms;
continue;
}
case 3: {
if (u !== 0)
break;
if (v = r.bool())
m.accepts_quota = v;
else
delete m.accepts_quota;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Welcome.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Welcome)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Welcome: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Welcome();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.server_time_ms != null) {
if (typeof d.server_time_ms === "object" ? d.server_time_ms.low || d.server_time_ms.high : $Number(d.server_time_ms) !== 0) {
if ($util.Long)
m.server_time_ms = $util.Long.fromValue(d.server_time_ms, true);
else if (typeof d.server_time_ms === "string")
m.server_time_ms = $parseInt(d.server_time_ms, 10);
else if (typeof d.server_time_ms === "number")
m.server_time_ms = d.server_time_ms;
else if (typeof d.server_time_ms === "object")
m.server_time_ms = new $util.LongBits(d.server_time_ms.low >>> 0, d.server_time_ms.high >>> 0).toNumber(true);
}
}
if (d.accepts_quota != null) {
if (d.accepts_quota) {
m.accepts_quota = $Boolean(d.accepts_quota);
}
}
return m;
};

Welcome.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.site_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.server_time_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.server_time_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.accepts_quota = false;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.server_time_ms != null && $Object.hasOwnProperty.call(m, "server_time_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.server_time_ms = typeof m.server_time_ms === "number" ? $BigInt(m.server_time_ms) : $util.Long.fromBits(m.server_time_ms.low >>> 0, m.server_time_ms.high >>> 0, true).toBigInt();
else if (typeof m.server_time_ms === "number")
d.server_time_ms = o.longs === $String ? $String(m.server_time_ms) : m.server_time_ms;
else
d.server_time_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.server_time_ms) : o.longs === $Number ? new $util.LongBits(m.server_time_ms.low >>> 0, m.server_time_ms.high >>> 0).toNumber(true) : m.server_time_ms;
}
if (m.accepts_quota != null && $Object.hasOwnProperty.call(m, "accepts_quota")) {
d.accepts_quota = m.accepts_quota;
}
return d;
};

Welcome.prototype.toJSON = function() {
return Welcome.toObject(this, $protobuf.util.toJSONOptions);
};

Welcome.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Welcome";
};

return Welcome;
})();

v1.QuotaSlot = (function() {

const QuotaSlot = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

QuotaSlot.prototype.slot = "";
QuotaSlot.prototype.accelerator_model = "";
QuotaSlot.prototype.accelerator_serial = "";
QuotaSlot.prototype.mig_instance_uuid = "";
QuotaSlot.prototype.isolation = "";

QuotaSlot.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== "")
w.uint32(10).string(m.slot);
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model") && m.accelerator_model !== "")
w.uint32(18).string(m.accelerator_model);
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial") && m.accelerator_serial !== "")
w.uint32(26).string(m.accelerator_serial);
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid") && m.mig_instance_uuid !== "")
w.uint32(34).string(m.mig_instance_uuid);
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation") && m.isolation !== "")
w.uint32(42).string(m.isolation);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

QuotaSlot.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.QuotaSlot();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.slot = v;
else
delete m.slot;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_model = v;
else
delete m.accelerator_model;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_serial = v;
else
delete m.accelerator_serial;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.mig_instance_uuid = v;
else
delete m.mig_instance_uuid;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.isolation = v;
else
delete m.isolation;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

QuotaSlot.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.QuotaSlot)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.QuotaSlot: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.QuotaSlot();
if (d.slot != null) {
if (typeof d.slot !== "string" || d.slot.length) {
m.slot = $String(d.slot);
}
}
if (d.accelerator_model != null) {
if (typeof d.accelerator_model !== "string" || d.accelerator_model.length) {
m.accelerator_model = $String(d.accelerator_model);
}
}
if (d.accelerator_serial != null) {
if (typeof d.accelerator_serial !== "string" || d.accelerator_serial.length) {
m.accelerator_serial = $String(d.accelerator_serial);
}
}
if (d.mig_instance_uuid != null) {
if (typeof d.mig_instance_uuid !== "string" || d.mig_instance_uuid.length) {
m.mig_instance_uuid = $String(d.mig_instance_uuid);
}
}
if (d.isolation != null) {
if (typeof d.isolation !== "string" || d.isolation.length) {
m.isolation = $String(d.isolation);
}
}
return m;
};

QuotaSlot.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.slot = "";
d.accelerator_model = "";
d.accelerator_serial = "";
d.mig_instance_uuid = "";
d.isolation = "";
}
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
d.slot = m.slot;
}
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model")) {
d.accelerator_model = m.accelerator_model;
}
if (m.accelerator_serial != null && $Object.hasOwnProperty.call(m, "accelerator_serial")) {
d.accelerator_serial = m.accelerator_serial;
}
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid")) {
d.mig_instance_uuid = m.mig_instance_uuid;
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation")) {
d.isolation = m.isolation;
}
return d;
};

QuotaSlot.prototype.toJSON = function() {
return QuotaSlot.toObject(this, $protobuf.util.toJSONOptions);
};

QuotaSlot.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.QuotaSlot";
};

return QuotaSlot;
})();

v1.CapacityQuota = (function() {

const CapacityQuota = function (p) {
this.slots = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

CapacityQuota.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
CapacityQuota.prototype.ttl_ms = 0;
CapacityQuota.prototype.slots = $util.emptyArray;
CapacityQuota.prototype.slots_free = 0;

CapacityQuota.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
w.uint32(8).uint64(m.epoch);
if (m.ttl_ms != null && $Object.hasOwnProperty.call(m, "ttl_ms") && m.ttl_ms !== 0)
w.uint32(16).uint32(m.ttl_ms);
if (m.slots != null && m.slots.length) {
for (var i = 0; i < m.slots.length; ++i)
$root.edgefleet.v1.QuotaSlot.encode(m.slots[i], w.uint32(26).fork(), q + 1).ldelim();
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free") && m.slots_free !== 0)
w.uint32(32).uint32(m.slots_free);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

CapacityQuota.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.CapacityQuota();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.epoch = v;
else
delete m.epoch;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.uint32())
m.ttl_ms = v;
else
delete m.ttl_ms;
continue;
}
case 3: {
if (u !== 2)
break;
if (!(m.slots && m.slots.length))
m.slots = [];
m.slots.push($root.edgefleet.v1.QuotaSlot.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 4: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_free = v;
else
delete m.slots_free;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

CapacityQuota.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.CapacityQuota)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.CapacityQuota: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.CapacityQuota();
if (d.epoch != null) {
if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
if ($util.Long)
m.epoch = $util.Long.fromValue(d.epoch, true);
else if (typeof d.epoch === "string")
m.epoch = $parseInt(d.epoch, 10);
else if (typeof d.epoch === "number")
m.epoch = d.epoch;
else if (typeof d.epoch === "object")
m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
}
}
if (d.ttl_ms != null) {
if ($Number(d.ttl_ms) !== 0) {
m.ttl_ms = d.ttl_ms >>> 0;
}
}
if (d.slots) {
if (!$Array.isArray(d.slots))
throw $TypeError(".edgefleet.v1.CapacityQuota.slots: array expected");
m.slots = $Array(d.slots.length);
for (var i = 0; i < d.slots.length; ++i) {
if (!$util.isObject(d.slots[i]))
throw $TypeError(".edgefleet.v1.CapacityQuota.slots: object expected");
m.slots[i] = $root.edgefleet.v1.QuotaSlot.fromObject(d.slots[i], q + 1);
}
}
if (d.slots_free != null) {
if ($Number(d.slots_free) !== 0) {
m.slots_free = d.slots_free >>> 0;
}
}
return m;
};

CapacityQuota.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.slots = [];
}
if (o.defaults) {
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.ttl_ms = 0;
d.slots_free = 0;
}
if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
else if (typeof m.epoch === "number")
d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
else
d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
}
if (m.ttl_ms != null && $Object.hasOwnProperty.call(m, "ttl_ms")) {
d.ttl_ms = m.ttl_ms;
}
if (m.slots && m.slots.length) {
d.slots = $Array(m.slots.length);
for (var j = 0; j < m.slots.length; ++j) {
d.slots[j] = $root.edgefleet.v1.QuotaSlot.toObject(m.slots[j], o, q + 1);
}
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free")) {
d.slots_free = m.slots_free;
}
return d;
};

CapacityQuota.prototype.toJSON = function() {
return CapacityQuota.toObject(this, $protobuf.util.toJSONOptions);
};

CapacityQuota.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.CapacityQuota";
};

return CapacityQuota;
})();

v1.QuotaLease = (function() {

const QuotaLease = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

QuotaLease.prototype.lease_id = "";
QuotaLease.prototype.hold_id = "";
QuotaLease.prototype.model = "";
QuotaLease.prototype.budget_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
QuotaLease.prototype.expires_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
QuotaLease.prototype.slot = "";
QuotaLease.prototype.isolation = "";
QuotaLease.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

QuotaLease.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(10).string(m.lease_id);
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(18).string(m.hold_id);
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(26).string(m.model);
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens") && (typeof m.budget_micro_tokens === "object" ? m.budget_micro_tokens.low || m.budget_micro_tokens.high : m.budget_micro_tokens !== 0))
w.uint32(32).uint64(m.budget_micro_tokens);
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms") && (typeof m.expires_at_ms === "object" ? m.expires_at_ms.low || m.expires_at_ms.high : m.expires_at_ms !== 0))
w.uint32(40).uint64(m.expires_at_ms);
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== "")
w.uint32(50).string(m.slot);
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation") && m.isolation !== "")
w.uint32(58).string(m.isolation);
if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
w.uint32(64).uint64(m.epoch);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

QuotaLease.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.QuotaLease();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 4: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.budget_micro_tokens = v;
else
delete m.budget_micro_tokens;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.expires_at_ms = v;
else
delete m.expires_at_ms;
continue;
}
case 6: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.slot = v;
else
delete m.slot;
continue;
}
case 7: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.isolation = v;
else
delete m.isolation;
continue;
}
case 8: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.epoch = v;
else
delete m.epoch;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

QuotaLease.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.QuotaLease)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.QuotaLease: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.QuotaLease();
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.budget_micro_tokens != null) {
if (typeof d.budget_micro_tokens === "object" ? d.budget_micro_tokens.low || d.budget_micro_tokens.high : $Number(d.budget_micro_tokens) !== 0) {
if ($util.Long)
m.budget_micro_tokens = $util.Long.fromValue(d.budget_micro_tokens, true);
else if (typeof d.budget_micro_tokens === "string")
m.budget_micro_tokens = $parseInt(d.budget_micro_tokens, 10);
else if (typeof d.budget_micro_tokens === "number")
m.budget_micro_tokens = d.budget_micro_tokens;
else if (typeof d.budget_micro_tokens === "object")
m.budget_micro_tokens = new $util.LongBits(d.budget_micro_tokens.low >>> 0, d.budget_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.expires_at_ms != null) {
if (typeof d.expires_at_ms === "object" ? d.expires_at_ms.low || d.expires_at_ms.high : $Number(d.expires_at_ms) !== 0) {
if ($util.Long)
m.expires_at_ms = $util.Long.fromValue(d.expires_at_ms, true);
else if (typeof d.expires_at_ms === "string")
m.expires_at_ms = $parseInt(d.expires_at_ms, 10);
else if (typeof d.expires_at_ms === "number")
m.expires_at_ms = d.expires_at_ms;
else if (typeof d.expires_at_ms === "object")
m.expires_at_ms = new $util.LongBits(d.expires_at_ms.low >>> 0, d.expires_at_ms.high >>> 0).toNumber(true);
}
}
if (d.slot != null) {
if (typeof d.slot !== "string" || d.slot.length) {
m.slot = $String(d.slot);
}
}
if (d.isolation != null) {
if (typeof d.isolation !== "string" || d.isolation.length) {
m.isolation = $String(d.isolation);
}
}
if (d.epoch != null) {
if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
if ($util.Long)
m.epoch = $util.Long.fromValue(d.epoch, true);
else if (typeof d.epoch === "string")
m.epoch = $parseInt(d.epoch, 10);
else if (typeof d.epoch === "number")
m.epoch = d.epoch;
else if (typeof d.epoch === "object")
m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
}
}
return m;
};

QuotaLease.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.lease_id = "";
d.hold_id = "";
d.model = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.budget_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.budget_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.expires_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.expires_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.slot = "";
d.isolation = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.budget_micro_tokens = typeof m.budget_micro_tokens === "number" ? $BigInt(m.budget_micro_tokens) : $util.Long.fromBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.budget_micro_tokens === "number")
d.budget_micro_tokens = o.longs === $String ? $String(m.budget_micro_tokens) : m.budget_micro_tokens;
else
d.budget_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.budget_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0).toNumber(true) : m.budget_micro_tokens;
}
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.expires_at_ms = typeof m.expires_at_ms === "number" ? $BigInt(m.expires_at_ms) : $util.Long.fromBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.expires_at_ms === "number")
d.expires_at_ms = o.longs === $String ? $String(m.expires_at_ms) : m.expires_at_ms;
else
d.expires_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.expires_at_ms) : o.longs === $Number ? new $util.LongBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0).toNumber(true) : m.expires_at_ms;
}
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
d.slot = m.slot;
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation")) {
d.isolation = m.isolation;
}
if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
else if (typeof m.epoch === "number")
d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
else
d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
}
return d;
};

QuotaLease.prototype.toJSON = function() {
return QuotaLease.toObject(this, $protobuf.util.toJSONOptions);
};

QuotaLease.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.QuotaLease";
};

return QuotaLease;
})();

v1.QuotaLeases = (function() {

const QuotaLeases = function (p) {
this.leases = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

QuotaLeases.prototype.leases = $util.emptyArray;

QuotaLeases.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.leases != null && m.leases.length) {
for (var i = 0; i < m.leases.length; ++i)
$root.edgefleet.v1.QuotaLease.encode(m.leases[i], w.uint32(10).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

QuotaLeases.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.QuotaLeases();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if (!(m.leases && m.leases.length))
m.leases = [];
m.leases.push($root.edgefleet.v1.QuotaLease.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

QuotaLeases.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.QuotaLeases)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.QuotaLeases: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.QuotaLeases();
if (d.leases) {
if (!$Array.isArray(d.leases))
throw $TypeError(".edgefleet.v1.QuotaLeases.leases: array expected");
m.leases = $Array(d.leases.length);
for (var i = 0; i < d.leases.length; ++i) {
if (!$util.isObject(d.leases[i]))
throw $TypeError(".edgefleet.v1.QuotaLeases.leases: object expected");
m.leases[i] = $root.edgefleet.v1.QuotaLease.fromObject(d.leases[i], q + 1);
}
}
return m;
};

QuotaLeases.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.leases = [];
}
if (m.leases && m.leases.length) {
d.leases = $Array(m.leases.length);
for (var j = 0; j < m.leases.length; ++j) {
d.leases[j] = $root.edgefleet.v1.QuotaLease.toObject(m.leases[j], o, q + 1);
}
}
return d;
};

QuotaLeases.prototype.toJSON = function() {
return QuotaLeases.toObject(this, $protobuf.util.toJSONOptions);
};

QuotaLeases.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.QuotaLeases";
};

return QuotaLeases;
})();

v1.AgentMessage = (function() {

const AgentMessage = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

AgentMessage.prototype.hello = null;
AgentMessage.prototype.offer_reply = null;
AgentMessage.prototype.lease_ended = null;
AgentMessage.prototype.pong = null;
AgentMessage.prototype.quota = null;

let $oneOfFields;

$Object.defineProperty(AgentMessage.prototype, "msg", {
get: $util.oneOfGetter($oneOfFields = ["hello", "offer_reply", "lease_ended", "pong", "quota"]),
set: $util.oneOfSetter($oneOfFields)
});

AgentMessage.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.hello != null && $Object.hasOwnProperty.call(m, "hello"))
$root.edgefleet.v1.AgentHello.encode(m.hello, w.uint32(10).fork(), q + 1).ldelim();
if (m.offer_reply != null && $Object.hasOwnProperty.call(m, "offer_reply"))
$root.edgefleet.v1.OfferReply.encode(m.offer_reply, w.uint32(18).fork(), q + 1).ldelim();
if (m.lease_ended != null && $Object.hasOwnProperty.call(m, "lease_ended"))
$root.edgefleet.v1.LeaseEnded.encode(m.lease_ended, w.uint32(26).fork(), q + 1).ldelim();
if (m.pong != null && $Object.hasOwnProperty.call(m, "pong"))
$root.edgefleet.v1.Pong.encode(m.pong, w.uint32(34).fork(), q + 1).ldelim();
if (m.quota != null && $Object.hasOwnProperty.call(m, "quota"))
$root.edgefleet.v1.CapacityQuota.encode(m.quota, w.uint32(42).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

AgentMessage.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.AgentMessage();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
m.hello = $root.edgefleet.v1.AgentHello.decode(r, r.size(), $undefined, q + 1, m.hello);
m.msg = "hello";
continue;
}
case 2: {
if (u !== 2)
break;
m.offer_reply = $root.edgefleet.v1.OfferReply.decode(r, r.size(), $undefined, q + 1, m.offer_reply);
m.msg = "offer_reply";
continue;
}
case 3: {
if (u !== 2)
break;
m.lease_ended = $root.edgefleet.v1.LeaseEnded.decode(r, r.size(), $undefined, q + 1, m.lease_ended);
m.msg = "lease_ended";
continue;
}
case 4: {
if (u !== 2)
break;
m.pong = $root.edgefleet.v1.Pong.decode(r, r.size(), $undefined, q + 1, m.pong);
m.msg = "pong";
continue;
}
case 5: {
if (u !== 2)
break;
m.quota = $root.edgefleet.v1.CapacityQuota.decode(r, r.size(), $undefined, q + 1, m.quota);
m.msg = "quota";
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

AgentMessage.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.AgentMessage)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.AgentMessage: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.AgentMessage();
if (d.hello != null) {
if (!$util.isObject(d.hello))
throw $TypeError(".edgefleet.v1.AgentMessage.hello: object expected");
m.hello = $root.edgefleet.v1.AgentHello.fromObject(d.hello, q + 1);
}
if (d.offer_reply != null) {
if (!$util.isObject(d.offer_reply))
throw $TypeError(".edgefleet.v1.AgentMessage.offer_reply: object expected");
m.offer_reply = $root.edgefleet.v1.OfferReply.fromObject(d.offer_reply, q + 1);
}
if (d.lease_ended != null) {
if (!$util.isObject(d.lease_ended))
throw $TypeError(".edgefleet.v1.AgentMessage.lease_ended: object expected");
m.lease_ended = $root.edgefleet.v1.LeaseEnded.fromObject(d.lease_ended, q + 1);
}
if (d.pong != null) {
if (!$util.isObject(d.pong))
throw $TypeError(".edgefleet.v1.AgentMessage.pong: object expected");
m.pong = $root.edgefleet.v1.Pong.fromObject(d.pong, q + 1);
}
if (d.quota != null) {
if (!$util.isObject(d.quota))
throw $TypeError(".edgefleet.v1.AgentMessage.quota: object expected");
m.quota = $root.edgefleet.v1.CapacityQuota.fromObject(d.quota, q + 1);
}
return m;
};

AgentMessage.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (m.hello != null && $Object.hasOwnProperty.call(m, "hello")) {
d.hello = $root.edgefleet.v1.AgentHello.toObject(m.hello, o, q + 1);
if (o.oneofs)
d.msg = "hello";
}
if (m.offer_reply != null && $Object.hasOwnProperty.call(m, "offer_reply")) {
d.offer_reply = $root.edgefleet.v1.OfferReply.toObject(m.offer_reply, o, q + 1);
if (o.oneofs)
d.msg = "offer_reply";
}
if (m.lease_ended != null && $Object.hasOwnProperty.call(m, "lease_ended")) {
d.lease_ended = $root.edgefleet.v1.LeaseEnded.toObject(m.lease_ended, o, q + 1);
if (o.oneofs)
d.msg = "lease_ended";
}
if (m.pong != null && $Object.hasOwnProperty.call(m, "pong")) {
d.pong = $root.edgefleet.v1.Pong.toObject(m.pong, o, q + 1);
if (o.oneofs)
d.msg = "pong";
}
if (m.quota != null && $Object.hasOwnProperty.call(m, "quota")) {
d.quota = $root.edgefleet.v1.CapacityQuota.toObject(m.quota, o, q + 1);
if (o.oneofs)
d.msg = "quota";
}
return d;
};

AgentMessage.prototype.toJSON = function() {
return AgentMessage.toObject(this, $protobuf.util.toJSONOptions);
};

AgentMessage.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.AgentMessage";
};

return AgentMessage;
})();

v1.CoordinatorMessage = (function() {

const CoordinatorMessage = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

CoordinatorMessage.prototype.welcome = null;
CoordinatorMessage.prototype.offer = null;
CoordinatorMessage.prototype.renewal = null;
CoordinatorMessage.prototype.revoke = null;
CoordinatorMessage.prototype.drain = null;
CoordinatorMessage.prototype.ping = null;
CoordinatorMessage.prototype.mac_keys = null;
CoordinatorMessage.prototype.quota_leases = null;

let $oneOfFields;

$Object.defineProperty(CoordinatorMessage.prototype, "msg", {
get: $util.oneOfGetter($oneOfFields = ["welcome", "offer", "renewal", "revoke", "drain", "ping", "mac_keys", "quota_leases"]),
set: $util.oneOfSetter($oneOfFields)
});

CoordinatorMessage.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome"))
$root.edgefleet.v1.Welcome.encode(m.welcome, w.uint32(10).fork(), q + 1).ldelim();
if (m.offer != null && $Object.hasOwnProperty.call(m, "offer"))
$root.edgefleet.v1.LeaseOffer.encode(m.offer, w.uint32(18).fork(), q + 1).ldelim();
if (m.renewal != null && $Object.hasOwnProperty.call(m, "renewal"))
$root.edgefleet.v1.LeaseRenewal.encode(m.renewal, w.uint32(26).fork(), q + 1).ldelim();
if (m.revoke != null && $Object.hasOwnProperty.call(m, "revoke"))
$root.edgefleet.v1.LeaseRevoke.encode(m.revoke, w.uint32(34).fork(), q + 1).ldelim();
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain"))
$root.edgefleet.v1.Drain.encode(m.drain, w.uint32(42).fork(), q + 1).ldelim();
if (m.ping != null && $Object.hasOwnProperty.call(m, "ping"))
$root.edgefleet.v1.Ping.encode(m.ping, w.uint32(50).fork(), q + 1).ldelim();
if (m.mac_keys != null && $Object.hasOwnProperty.call(m, "mac_keys"))
$root.edgefleet.v1.LeaseMacKeys.encode(m.mac_keys, w.uint32(58).fork(), q + 1).ldelim();
if (m.quota_leases != null && $Object.hasOwnProperty.call(m, "quota_leases"))
$root.edgefleet.v1.QuotaLeases.encode(m.quota_leases, w.uint32(66).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

CoordinatorMessage.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.CoordinatorMessage();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
m.welcome = $root.edgefleet.v1.Welcome.decode(r, r.size(), $undefined, q + 1, m.welcome);
m.msg = "welcome";
continue;
}
case 2: {
if (u !== 2)
break;
m.offer = $root.edgefleet.v1.LeaseOffer.decode(r, r.size(), $undefined, q + 1, m.offer);
m.msg = "offer";
continue;
}
case 3: {
if (u !== 2)
break;
m.renewal = $root.edgefleet.v1.LeaseRenewal.decode(r, r.size(), $undefined, q + 1, m.renewal);
m.msg = "renewal";
continue;
}
case 4: {
if (u !== 2)
break;
m.revoke = $root.edgefleet.v1.LeaseRevoke.decode(r, r.size(), $undefined, q + 1, m.revoke);
m.msg = "revoke";
continue;
}
case 5: {
if (u !== 2)
break;
m.drain = $root.edgefleet.v1.Drain.decode(r, r.size(), $undefined, q + 1, m.drain);
m.msg = "drain";
continue;
}
case 6: {
if (u !== 2)
break;
m.ping = $root.edgefleet.v1.Ping.decode(r, r.size(), $undefined, q + 1, m.ping);
m.msg = "ping";
continue;
}
case 7: {
if (u !== 2)
break;
m.mac_keys = $root.edgefleet.v1.LeaseMacKeys.decode(r, r.size(), $undefined, q + 1, m.mac_keys);
m.msg = "mac_keys";
continue;
}
case 8: {
if (u !== 2)
break;
m.quota_leases = $root.edgefleet.v1.QuotaLeases.decode(r, r.size(), $undefined, q + 1, m.quota_leases);
m.msg = "quota_leases";
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

CoordinatorMessage.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.CoordinatorMessage)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.CoordinatorMessage: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.CoordinatorMessage();
if (d.welcome != null) {
if (!$util.isObject(d.welcome))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.welcome: object expected");
m.welcome = $root.edgefleet.v1.Welcome.fromObject(d.welcome, q + 1);
}
if (d.offer != null) {
if (!$util.isObject(d.offer))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.offer: object expected");
m.offer = $root.edgefleet.v1.LeaseOffer.fromObject(d.offer, q + 1);
}
if (d.renewal != null) {
if (!$util.isObject(d.renewal))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.renewal: object expected");
m.renewal = $root.edgefleet.v1.LeaseRenewal.fromObject(d.renewal, q + 1);
}
if (d.revoke != null) {
if (!$util.isObject(d.revoke))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.revoke: object expected");
m.revoke = $root.edgefleet.v1.LeaseRevoke.fromObject(d.revoke, q + 1);
}
if (d.drain != null) {
if (!$util.isObject(d.drain))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.drain: object expected");
m.drain = $root.edgefleet.v1.Drain.fromObject(d.drain, q + 1);
}
if (d.ping != null) {
if (!$util.isObject(d.ping))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.ping: object expected");
m.ping = $root.edgefleet.v1.Ping.fromObject(d.ping, q + 1);
}
if (d.mac_keys != null) {
if (!$util.isObject(d.mac_keys))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.mac_keys: object expected");
m.mac_keys = $root.edgefleet.v1.LeaseMacKeys.fromObject(d.mac_keys, q + 1);
}
if (d.quota_leases != null) {
if (!$util.isObject(d.quota_leases))
throw $TypeError(".edgefleet.v1.CoordinatorMessage.quota_leases: object expected");
m.quota_leases = $root.edgefleet.v1.QuotaLeases.fromObject(d.quota_leases, q + 1);
}
return m;
};

CoordinatorMessage.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (m.welcome != null && $Object.hasOwnProperty.call(m, "welcome")) {
d.welcome = $root.edgefleet.v1.Welcome.toObject(m.welcome, o, q + 1);
if (o.oneofs)
d.msg = "welcome";
}
if (m.offer != null && $Object.hasOwnProperty.call(m, "offer")) {
d.offer = $root.edgefleet.v1.LeaseOffer.toObject(m.offer, o, q + 1);
if (o.oneofs)
d.msg = "offer";
}
if (m.renewal != null && $Object.hasOwnProperty.call(m, "renewal")) {
d.renewal = $root.edgefleet.v1.LeaseRenewal.toObject(m.renewal, o, q + 1);
if (o.oneofs)
d.msg = "renewal";
}
if (m.revoke != null && $Object.hasOwnProperty.call(m, "revoke")) {
d.revoke = $root.edgefleet.v1.LeaseRevoke.toObject(m.revoke, o, q + 1);
if (o.oneofs)
d.msg = "revoke";
}
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain")) {
d.drain = $root.edgefleet.v1.Drain.toObject(m.drain, o, q + 1);
if (o.oneofs)
d.msg = "drain";
}
if (m.ping != null && $Object.hasOwnProperty.call(m, "ping")) {
d.ping = $root.edgefleet.v1.Ping.toObject(m.ping, o, q + 1);
if (o.oneofs)
d.msg = "ping";
}
if (m.mac_keys != null && $Object.hasOwnProperty.call(m, "mac_keys")) {
d.mac_keys = $root.edgefleet.v1.LeaseMacKeys.toObject(m.mac_keys, o, q + 1);
if (o.oneofs)
d.msg = "mac_keys";
}
if (m.quota_leases != null && $Object.hasOwnProperty.call(m, "quota_leases")) {
d.quota_leases = $root.edgefleet.v1.QuotaLeases.toObject(m.quota_leases, o, q + 1);
if (o.oneofs)
d.msg = "quota_leases";
}
return d;
};

CoordinatorMessage.prototype.toJSON = function() {
return CoordinatorMessage.toObject(this, $protobuf.util.toJSONOptions);
};

CoordinatorMessage.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.CoordinatorMessage";
};

return CoordinatorMessage;
})();

v1.EdgeControl = (function() {

const EdgeControl = function(rpcImpl, requestDelimited, responseDelimited) {
$protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
};

$Object.defineProperty(EdgeControl.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: EdgeControl, writable: true, enumerable: false, configurable: true });



$Object.defineProperties(EdgeControl.prototype.connect = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, EdgeControl.prototype.connect, $root.edgefleet.v1.AgentMessage, $root.edgefleet.v1.CoordinatorMessage, request, callback);
}, {
name: { value: "Connect" },
path: { value: "/edgefleet.v1.EdgeControl/Connect" },
requestType: { value: "AgentMessage" },
responseType: { value: "CoordinatorMessage" },
requestStream: { value: true },
responseStream: { value: true }
});

return EdgeControl;
})();

v1.InferTensor = (function() {

const InferTensor = function (p) {
this.shape = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

InferTensor.prototype.name = "";
InferTensor.prototype.datatype = "";
InferTensor.prototype.shape = $util.emptyArray;
InferTensor.prototype.raw_contents = $util.newBuffer([]);

InferTensor.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
w.uint32(10).string(m.name);
if (m.datatype != null && $Object.hasOwnProperty.call(m, "datatype") && m.datatype !== "")
w.uint32(18).string(m.datatype);
if (m.shape != null && m.shape.length) {
w.uint32(26).int64s(m.shape);
}
if (m.raw_contents != null && $Object.hasOwnProperty.call(m, "raw_contents") && m.raw_contents.length)
w.uint32(34).bytes(m.raw_contents);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

InferTensor.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.InferTensor();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.name = v;
else
delete m.name;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.datatype = v;
else
delete m.datatype;
continue;
}
case 3: {
if (u === 2) {
if (!(m.shape && m.shape.length))
m.shape = [];
r.int64s(m.shape);
continue;
}
if (u !== 0)
break;
if (!(m.shape && m.shape.length))
m.shape = [];
m.shape.push(r.int64());
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.bytes()).length)
m.raw_contents = v;
else
delete m.raw_contents;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

InferTensor.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.InferTensor)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.InferTensor: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.InferTensor();
if (d.name != null) {
if (typeof d.name !== "string" || d.name.length) {
m.name = $String(d.name);
}
}
if (d.datatype != null) {
if (typeof d.datatype !== "string" || d.datatype.length) {
m.datatype = $String(d.datatype);
}
}
if (d.shape) {
if (!$Array.isArray(d.shape))
throw $TypeError(".edgefleet.v1.InferTensor.shape: array expected");
m.shape = $Array(d.shape.length);
for (var i = 0; i < d.shape.length; ++i) {
if ($util.Long)
m.shape[i] = $util.Long.fromValue(d.shape[i], false);
else if (typeof d.shape[i] === "string")
m.shape[i] = $parseInt(d.shape[i], 10);
else if (typeof d.shape[i] === "number")
m.shape[i] = d.shape[i];
else if (typeof d.shape[i] === "object")
m.shape[i] = new $util.LongBits(d.shape[i].low >>> 0, d.shape[i].high >>> 0).toNumber();
}
}
if (d.raw_contents != null) {
if (d.raw_contents.length) {
if (typeof d.raw_contents === "string")
$util.base64.decode(d.raw_contents, m.raw_contents = $util.newBuffer($util.base64.length(d.raw_contents)), 0);
else if (d.raw_contents.length >= 0)
m.raw_contents = d.raw_contents;
}
}
return m;
};

InferTensor.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.shape = [];
}
if (o.defaults) {
d.name = "";
d.datatype = "";
if (o.bytes === $String)
d.raw_contents = "";
else {
d.raw_contents = [];
if (o.bytes !== $Array)
d.raw_contents = $util.newBuffer(d.raw_contents);
}
}
if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
d.name = m.name;
}
if (m.datatype != null && $Object.hasOwnProperty.call(m, "datatype")) {
d.datatype = m.datatype;
}
if (m.shape && m.shape.length) {
d.shape = $Array(m.shape.length);
for (var j = 0; j < m.shape.length; ++j) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.shape[j] = typeof m.shape[j] === "number" ? $BigInt(m.shape[j]) : $util.Long.fromBits(m.shape[j].low >>> 0, m.shape[j].high >>> 0, false).toBigInt();
else if (typeof m.shape[j] === "number")
d.shape[j] = o.longs === $String ? $String(m.shape[j]) : m.shape[j];
else
d.shape[j] = o.longs === $String ? $util.Long.prototype.toString.call(m.shape[j]) : o.longs === $Number ? new $util.LongBits(m.shape[j].low >>> 0, m.shape[j].high >>> 0).toNumber() : m.shape[j];
}
}
if (m.raw_contents != null && $Object.hasOwnProperty.call(m, "raw_contents")) {
d.raw_contents = o.bytes === $String ? $util.base64.encode(m.raw_contents, 0, m.raw_contents.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.raw_contents) : m.raw_contents;
}
return d;
};

InferTensor.prototype.toJSON = function() {
return InferTensor.toObject(this, $protobuf.util.toJSONOptions);
};

InferTensor.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.InferTensor";
};

return InferTensor;
})();

v1.InferRequest = (function() {

const InferRequest = function (p) {
this.inputs = [];
this.output_names = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

InferRequest.prototype.lease_token = "";
InferRequest.prototype.model = "";
InferRequest.prototype.input = "";
InferRequest.prototype.max_output_tokens = 0;
InferRequest.prototype.request_id = "";
InferRequest.prototype.inputs = $util.emptyArray;
InferRequest.prototype.output_names = $util.emptyArray;

InferRequest.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_token != null && $Object.hasOwnProperty.call(m, "lease_token") && m.lease_token !== "")
w.uint32(10).string(m.lease_token);
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(18).string(m.model);
if (m.input != null && $Object.hasOwnProperty.call(m, "input") && m.input !== "")
w.uint32(26).string(m.input);
if (m.max_output_tokens != null && $Object.hasOwnProperty.call(m, "max_output_tokens") && m.max_output_tokens !== 0)
w.uint32(32).uint32(m.max_output_tokens);
if (m.request_id != null && $Object.hasOwnProperty.call(m, "request_id") && m.request_id !== "")
w.uint32(42).string(m.request_id);
if (m.inputs != null && m.inputs.length) {
for (var i = 0; i < m.inputs.length; ++i)
$root.edgefleet.v1.InferTensor.encode(m.inputs[i], w.uint32(50).fork(), q + 1).ldelim();
}
if (m.output_names != null && m.output_names.length) {
for (var i = 0; i < m.output_names.length; ++i)
w.uint32(58).string(m.output_names[i]);
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

InferRequest.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.InferRequest();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_token = v;
else
delete m.lease_token;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.input = v;
else
delete m.input;
continue;
}
case 4: {
if (u !== 0)
break;
if (v = r.uint32())
m.max_output_tokens = v;
else
delete m.max_output_tokens;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.request_id = v;
else
delete m.request_id;
continue;
}
case 6: {
if (u !== 2)
break;
if (!(m.inputs && m.inputs.length))
m.inputs = [];
m.inputs.push($root.edgefleet.v1.InferTensor.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 7: {
if (u !== 2)
break;
if (!(m.output_names && m.output_names.length))
m.output_names = [];
m.output_names.push(r.stringVerify());
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

InferRequest.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.InferRequest)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.InferRequest: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.InferRequest();
if (d.lease_token != null) {
if (typeof d.lease_token !== "string" || d.lease_token.length) {
m.lease_token = $String(d.lease_token);
}
}
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.input != null) {
if (typeof d.input !== "string" || d.input.length) {
m.input = $String(d.input);
}
}
if (d.max_output_tokens != null) {
if ($Number(d.max_output_tokens) !== 0) {
m.max_output_tokens = d.max_output_tokens >>> 0;
}
}
if (d.request_id != null) {
if (typeof d.request_id !== "string" || d.request_id.length) {
m.request_id = $String(d.request_id);
}
}
if (d.inputs) {
if (!$Array.isArray(d.inputs))
throw $TypeError(".edgefleet.v1.InferRequest.inputs: array expected");
m.inputs = $Array(d.inputs.length);
for (var i = 0; i < d.inputs.length; ++i) {
if (!$util.isObject(d.inputs[i]))
throw $TypeError(".edgefleet.v1.InferRequest.inputs: object expected");
m.inputs[i] = $root.edgefleet.v1.InferTensor.fromObject(d.inputs[i], q + 1);
}
}
if (d.output_names) {
if (!$Array.isArray(d.output_names))
throw $TypeError(".edgefleet.v1.InferRequest.output_names: array expected");
m.output_names = $Array(d.output_names.length);
for (var i = 0; i < d.output_names.length; ++i) {
m.output_names[i] = $String(d.output_names[i]);
}
}
return m;
};

InferRequest.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.inputs = [];
d.output_names = [];
}
if (o.defaults) {
d.lease_token = "";
d.model = "";
d.input = "";
d.max_output_tokens = 0;
d.request_id = "";
}
if (m.lease_token != null && $Object.hasOwnProperty.call(m, "lease_token")) {
d.lease_token = m.lease_token;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.input != null && $Object.hasOwnProperty.call(m, "input")) {
d.input = m.input;
}
if (m.max_output_tokens != null && $Object.hasOwnProperty.call(m, "max_output_tokens")) {
d.max_output_tokens = m.max_output_tokens;
}
if (m.request_id != null && $Object.hasOwnProperty.call(m, "request_id")) {
d.request_id = m.request_id;
}
if (m.inputs && m.inputs.length) {
d.inputs = $Array(m.inputs.length);
for (var j = 0; j < m.inputs.length; ++j) {
d.inputs[j] = $root.edgefleet.v1.InferTensor.toObject(m.inputs[j], o, q + 1);
}
}
if (m.output_names && m.output_names.length) {
d.output_names = $Array(m.output_names.length);
for (var j = 0; j < m.output_names.length; ++j) {
d.output_names[j] = m.output_names[j];
}
}
return d;
};

InferRequest.prototype.toJSON = function() {
return InferRequest.toObject(this, $protobuf.util.toJSONOptions);
};

InferRequest.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.InferRequest";
};

return InferRequest;
})();

v1.InferResponse = (function() {

const InferResponse = function (p) {
this.outputs = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

InferResponse.prototype.output = "";
InferResponse.prototype.site_id = "";
InferResponse.prototype.lease_id = "";
InferResponse.prototype.micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
InferResponse.prototype.burn_seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
InferResponse.prototype.compute_ms = 0;
InferResponse.prototype.remaining_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
InferResponse.prototype.outputs = $util.emptyArray;
InferResponse.prototype.model_version = "";
InferResponse.prototype.execution_provider = "";
InferResponse.prototype.receipt = null;

InferResponse.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.output != null && $Object.hasOwnProperty.call(m, "output") && m.output !== "")
w.uint32(10).string(m.output);
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(18).string(m.site_id);
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(26).string(m.lease_id);
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens") && (typeof m.micro_tokens === "object" ? m.micro_tokens.low || m.micro_tokens.high : m.micro_tokens !== 0))
w.uint32(32).uint64(m.micro_tokens);
if (m.burn_seq != null && $Object.hasOwnProperty.call(m, "burn_seq") && (typeof m.burn_seq === "object" ? m.burn_seq.low || m.burn_seq.high : m.burn_seq !== 0))
w.uint32(40).uint64(m.burn_seq);
if (m.compute_ms != null && $Object.hasOwnProperty.call(m, "compute_ms") && !$Object.is(m.compute_ms, 0))
w.uint32(49).double(m.compute_ms);
if (m.remaining_micro_tokens != null && $Object.hasOwnProperty.call(m, "remaining_micro_tokens") && (typeof m.remaining_micro_tokens === "object" ? m.remaining_micro_tokens.low || m.remaining_micro_tokens.high : m.remaining_micro_tokens !== 0))
w.uint32(56).uint64(m.remaining_micro_tokens);
if (m.outputs != null && m.outputs.length) {
for (var i = 0; i < m.outputs.length; ++i)
$root.edgefleet.v1.InferTensor.encode(m.outputs[i], w.uint32(66).fork(), q + 1).ldelim();
}
if (m.model_version != null && $Object.hasOwnProperty.call(m, "model_version") && m.model_version !== "")
w.uint32(74).string(m.model_version);
if (m.execution_provider != null && $Object.hasOwnProperty.call(m, "execution_provider") && m.execution_provider !== "")
w.uint32(82).string(m.execution_provider);
if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt"))
$root.edgefleet.v1.Receipt.encode(m.receipt, w.uint32(90).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

InferResponse.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.InferResponse();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.output = v;
else
delete m.output;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 4: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.micro_tokens = v;
else
delete m.micro_tokens;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.burn_seq = v;
else
delete m.burn_seq;
continue;
}
case 6: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.compute_ms = v;
else
delete m.compute_ms;
continue;
}
case 7: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.remaining_micro_tokens = v;
else
delete m.remaining_micro_tokens;
continue;
}
case 8: {
if (u !== 2)
break;
if (!(m.outputs && m.outputs.length))
m.outputs = [];
m.outputs.push($root.edgefleet.v1.InferTensor.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 9: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model_version = v;
else
delete m.model_version;
continue;
}
case 10: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.execution_provider = v;
else
delete m.execution_provider;
continue;
}
case 11: {
if (u !== 2)
break;
m.receipt = $root.edgefleet.v1.Receipt.decode(r, r.size(), $undefined, q + 1, m.receipt);
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

InferResponse.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.InferResponse)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.InferResponse: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.InferResponse();
if (d.output != null) {
if (typeof d.output !== "string" || d.output.length) {
m.output = $String(d.output);
}
}
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.micro_tokens != null) {
if (typeof d.micro_tokens === "object" ? d.micro_tokens.low || d.micro_tokens.high : $Number(d.micro_tokens) !== 0) {
if ($util.Long)
m.micro_tokens = $util.Long.fromValue(d.micro_tokens, true);
else if (typeof d.micro_tokens === "string")
m.micro_tokens = $parseInt(d.micro_tokens, 10);
else if (typeof d.micro_tokens === "number")
m.micro_tokens = d.micro_tokens;
else if (typeof d.micro_tokens === "object")
m.micro_tokens = new $util.LongBits(d.micro_tokens.low >>> 0, d.micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.burn_seq != null) {
if (typeof d.burn_seq === "object" ? d.burn_seq.low || d.burn_seq.high : $Number(d.burn_seq) !== 0) {
if ($util.Long)
m.burn_seq = $util.Long.fromValue(d.burn_seq, true);
else if (typeof d.burn_seq === "string")
m.burn_seq = $parseInt(d.burn_seq, 10);
else if (typeof d.burn_seq === "number")
m.burn_seq = d.burn_seq;
else if (typeof d.burn_seq === "object")
m.burn_seq = new $util.LongBits(d.burn_seq.low >>> 0, d.burn_seq.high >>> 0).toNumber(true);
}
}
if (d.compute_ms != null) {
if (!$Object.is($Number(d.compute_ms), 0)) {
m.compute_ms = $Number(d.compute_ms);
}
}
if (d.remaining_micro_tokens != null) {
if (typeof d.remaining_micro_tokens === "object" ? d.remaining_micro_tokens.low || d.remaining_micro_tokens.high : $Number(d.remaining_micro_tokens) !== 0) {
if ($util.Long)
m.remaining_micro_tokens = $util.Long.fromValue(d.remaining_micro_tokens, true);
else if (typeof d.remaining_micro_tokens === "string")
m.remaining_micro_tokens = $parseInt(d.remaining_micro_tokens, 10);
else if (typeof d.remaining_micro_tokens === "number")
m.remaining_micro_tokens = d.remaining_micro_tokens;
else if (typeof d.remaining_micro_tokens === "object")
m.remaining_micro_tokens = new $util.LongBits(d.remaining_micro_tokens.low >>> 0, d.remaining_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.outputs) {
if (!$Array.isArray(d.outputs))
throw $TypeError(".edgefleet.v1.InferResponse.outputs: array expected");
m.outputs = $Array(d.outputs.length);
for (var i = 0; i < d.outputs.length; ++i) {
if (!$util.isObject(d.outputs[i]))
throw $TypeError(".edgefleet.v1.InferResponse.outputs: object expected");
m.outputs[i] = $root.edgefleet.v1.InferTensor.fromObject(d.outputs[i], q + 1);
}
}
if (d.model_version != null) {
if (typeof d.model_version !== "string" || d.model_version.length) {
m.model_version = $String(d.model_version);
}
}
if (d.execution_provider != null) {
if (typeof d.execution_provider !== "string" || d.execution_provider.length) {
m.execution_provider = $String(d.execution_provider);
}
}
if (d.receipt != null) {
if (!$util.isObject(d.receipt))
throw $TypeError(".edgefleet.v1.InferResponse.receipt: object expected");
m.receipt = $root.edgefleet.v1.Receipt.fromObject(d.receipt, q + 1);
}
return m;
};

InferResponse.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.outputs = [];
}
if (o.defaults) {
d.output = "";
d.site_id = "";
d.lease_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.burn_seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.burn_seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.compute_ms = 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.remaining_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.remaining_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.model_version = "";
d.execution_provider = "";
d.receipt = null;
}
if (m.output != null && $Object.hasOwnProperty.call(m, "output")) {
d.output = m.output;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.micro_tokens = typeof m.micro_tokens === "number" ? $BigInt(m.micro_tokens) : $util.Long.fromBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.micro_tokens === "number")
d.micro_tokens = o.longs === $String ? $String(m.micro_tokens) : m.micro_tokens;
else
d.micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.micro_tokens) : o.longs === $Number ? new $util.LongBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0).toNumber(true) : m.micro_tokens;
}
if (m.burn_seq != null && $Object.hasOwnProperty.call(m, "burn_seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.burn_seq = typeof m.burn_seq === "number" ? $BigInt(m.burn_seq) : $util.Long.fromBits(m.burn_seq.low >>> 0, m.burn_seq.high >>> 0, true).toBigInt();
else if (typeof m.burn_seq === "number")
d.burn_seq = o.longs === $String ? $String(m.burn_seq) : m.burn_seq;
else
d.burn_seq = o.longs === $String ? $util.Long.prototype.toString.call(m.burn_seq) : o.longs === $Number ? new $util.LongBits(m.burn_seq.low >>> 0, m.burn_seq.high >>> 0).toNumber(true) : m.burn_seq;
}
if (m.compute_ms != null && $Object.hasOwnProperty.call(m, "compute_ms")) {
d.compute_ms = o.json && !$isFinite(m.compute_ms) ? $String(m.compute_ms) : m.compute_ms;
}
if (m.remaining_micro_tokens != null && $Object.hasOwnProperty.call(m, "remaining_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.remaining_micro_tokens = typeof m.remaining_micro_tokens === "number" ? $BigInt(m.remaining_micro_tokens) : $util.Long.fromBits(m.remaining_micro_tokens.low >>> 0, m.remaining_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.remaining_micro_tokens === "number")
d.remaining_micro_tokens = o.longs === $String ? $String(m.remaining_micro_tokens) : m.remaining_micro_tokens;
else
d.remaining_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.remaining_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.remaining_micro_tokens.low >>> 0, m.remaining_micro_tokens.high >>> 0).toNumber(true) : m.remaining_micro_tokens;
}
if (m.outputs && m.outputs.length) {
d.outputs = $Array(m.outputs.length);
for (var j = 0; j < m.outputs.length; ++j) {
d.outputs[j] = $root.edgefleet.v1.InferTensor.toObject(m.outputs[j], o, q + 1);
}
}
if (m.model_version != null && $Object.hasOwnProperty.call(m, "model_version")) {
d.model_version = m.model_version;
}
if (m.execution_provider != null && $Object.hasOwnProperty.call(m, "execution_provider")) {
d.execution_provider = m.execution_provider;
}
if (m.receipt != null && $Object.hasOwnProperty.call(m, "receipt")) {
d.receipt = $root.edgefleet.v1.Receipt.toObject(m.receipt, o, q + 1);
}
return d;
};

InferResponse.prototype.toJSON = function() {
return InferResponse.toObject(this, $protobuf.util.toJSONOptions);
};

InferResponse.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.InferResponse";
};

return InferResponse;
})();

v1.Receipt = (function() {

const Receipt = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Receipt.prototype.version = 0;
Receipt.prototype.site_id = "";
Receipt.prototype.lease_id = "";
Receipt.prototype.burn_seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Receipt.prototype.micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Receipt.prototype.burn_hash = "";
Receipt.prototype.mig_instance_uuid = "";
Receipt.prototype.started_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Receipt.prototype.ended_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Receipt.prototype.request_id = "";
Receipt.prototype.signature = $util.newBuffer([]);

Receipt.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.version != null && $Object.hasOwnProperty.call(m, "version") && m.version !== 0)
w.uint32(8).uint32(m.version);
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(18).string(m.site_id);
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(26).string(m.lease_id);
if (m.burn_seq != null && $Object.hasOwnProperty.call(m, "burn_seq") && (typeof m.burn_seq === "object" ? m.burn_seq.low || m.burn_seq.high : m.burn_seq !== 0))
w.uint32(32).uint64(m.burn_seq);
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens") && (typeof m.micro_tokens === "object" ? m.micro_tokens.low || m.micro_tokens.high : m.micro_tokens !== 0))
w.uint32(40).uint64(m.micro_tokens);
if (m.burn_hash != null && $Object.hasOwnProperty.call(m, "burn_hash") && m.burn_hash !== "")
w.uint32(50).string(m.burn_hash);
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid") && m.mig_instance_uuid !== "")
w.uint32(58).string(m.mig_instance_uuid);
if (m.started_at_ms != null && $Object.hasOwnProperty.call(m, "started_at_ms") && (typeof m.started_at_ms === "object" ? m.started_at_ms.low || m.started_at_ms.high : m.started_at_ms !== 0))
w.uint32(64).uint64(m.started_at_ms);
if (m.ended_at_ms != null && $Object.hasOwnProperty.call(m, "ended_at_ms") && (typeof m.ended_at_ms === "object" ? m.ended_at_ms.low || m.ended_at_ms.high : m.ended_at_ms !== 0))
w.uint32(72).uint64(m.ended_at_ms);
if (m.request_id != null && $Object.hasOwnProperty.call(m, "request_id") && m.request_id !== "")
w.uint32(82).string(m.request_id);
if (m.signature != null && $Object.hasOwnProperty.call(m, "signature") && m.signature.length)
w.uint32(90).bytes(m.signature);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Receipt.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Receipt();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (v = r.uint32())
m.version = v;
else
delete m.version;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 4: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.burn_seq = v;
else
delete m.burn_seq;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.micro_tokens = v;
else
delete m.micro_tokens;
continue;
}
case 6: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.burn_hash = v;
else
delete m.burn_hash;
continue;
}
case 7: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.mig_instance_uuid = v;
else
delete m.mig_instance_uuid;
continue;
}
case 8: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.started_at_ms = v;
else
delete m.started_at_ms;
continue;
}
case 9: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.ended_at_ms = v;
else
delete m.ended_at_ms;
continue;
}
case 10: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.request_id = v;
else
delete m.request_id;
continue;
}
case 11: {
if (u !== 2)
break;
if ((v = r.bytes()).length)
m.signature = v;
else
delete m.signature;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Receipt.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Receipt)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Receipt: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Receipt();
if (d.version != null) {
if ($Number(d.version) !== 0) {
m.version = d.version >>> 0;
}
}
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.burn_seq != null) {
if (typeof d.burn_seq === "object" ? d.burn_seq.low || d.burn_seq.high : $Number(d.burn_seq) !== 0) {
if ($util.Long)
m.burn_seq = $util.Long.fromValue(d.burn_seq, true);
else if (typeof d.burn_seq === "string")
m.burn_seq = $parseInt(d.burn_seq, 10);
else if (typeof d.burn_seq === "number")
m.burn_seq = d.burn_seq;
else if (typeof d.burn_seq === "object")
m.burn_seq = new $util.LongBits(d.burn_seq.low >>> 0, d.burn_seq.high >>> 0).toNumber(true);
}
}
if (d.micro_tokens != null) {
if (typeof d.micro_tokens === "object" ? d.micro_tokens.low || d.micro_tokens.high : $Number(d.micro_tokens) !== 0) {
if ($util.Long)
m.micro_tokens = $util.Long.fromValue(d.micro_tokens, true);
else if (typeof d.micro_tokens === "string")
m.micro_tokens = $parseInt(d.micro_tokens, 10);
else if (typeof d.micro_tokens === "number")
m.micro_tokens = d.micro_tokens;
else if (typeof d.micro_tokens === "object")
m.micro_tokens = new $util.LongBits(d.micro_tokens.low >>> 0, d.micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.burn_hash != null) {
if (typeof d.burn_hash !== "string" || d.burn_hash.length) {
m.burn_hash = $String(d.burn_hash);
}
}
if (d.mig_instance_uuid != null) {
if (typeof d.mig_instance_uuid !== "string" || d.mig_instance_uuid.length) {
m.mig_instance_uuid = $String(d.mig_instance_uuid);
}
}
if (d.started_at_ms != null) {
if (typeof d.started_at_ms === "object" ? d.started_at_ms.low || d.started_at_ms.high : $Number(d.started_at_ms) !== 0) {
if ($util.Long)
m.started_at_ms = $util.Long.fromValue(d.started_at_ms, true);
else if (typeof d.started_at_ms === "string")
m.started_at_ms = $parseInt(d.started_at_ms, 10);
else if (typeof d.started_at_ms === "number")
m.started_at_ms = d.started_at_ms;
else if (typeof d.started_at_ms === "object")
m.started_at_ms = new $util.LongBits(d.started_at_ms.low >>> 0, d.started_at_ms.high >>> 0).toNumber(true);
}
}
if (d.ended_at_ms != null) {
if (typeof d.ended_at_ms === "object" ? d.ended_at_ms.low || d.ended_at_ms.high : $Number(d.ended_at_ms) !== 0) {
if ($util.Long)
m.ended_at_ms = $util.Long.fromValue(d.ended_at_ms, true);
else if (typeof d.ended_at_ms === "string")
m.ended_at_ms = $parseInt(d.ended_at_ms, 10);
else if (typeof d.ended_at_ms === "number")
m.ended_at_ms = d.ended_at_ms;
else if (typeof d.ended_at_ms === "object")
m.ended_at_ms = new $util.LongBits(d.ended_at_ms.low >>> 0, d.ended_at_ms.high >>> 0).toNumber(true);
}
}
if (d.request_id != null) {
if (typeof d.request_id !== "string" || d.request_id.length) {
m.request_id = $String(d.request_id);
}
}
if (d.signature != null) {
if (d.signature.length) {
if (typeof d.signature === "string")
$util.base64.decode(d.signature, m.signature = $util.newBuffer($util.base64.length(d.signature)), 0);
else if (d.signature.length >= 0)
m.signature = d.signature;
}
}
return m;
};

Receipt.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.version = 0;
d.site_id = "";
d.lease_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.burn_seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.burn_seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.burn_hash = "";
d.mig_instance_uuid = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.started_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.started_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.ended_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.ended_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.request_id = "";
if (o.bytes === $String)
d.signature = "";
else {
d.signature = [];
if (o.bytes !== $Array)
d.signature = $util.newBuffer(d.signature);
}
}
if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
d.version = m.version;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.burn_seq != null && $Object.hasOwnProperty.call(m, "burn_seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.burn_seq = typeof m.burn_seq === "number" ? $BigInt(m.burn_seq) : $util.Long.fromBits(m.burn_seq.low >>> 0, m.burn_seq.high >>> 0, true).toBigInt();
else if (typeof m.burn_seq === "number")
d.burn_seq = o.longs === $String ? $String(m.burn_seq) : m.burn_seq;
else
d.burn_seq = o.longs === $String ? $util.Long.prototype.toString.call(m.burn_seq) : o.longs === $Number ? new $util.LongBits(m.burn_seq.low >>> 0, m.burn_seq.high >>> 0).toNumber(true) : m.burn_seq;
}
if (m.micro_tokens != null && $Object.hasOwnProperty.call(m, "micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.micro_tokens = typeof m.micro_tokens === "number" ? $BigInt(m.micro_tokens) : $util.Long.fromBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.micro_tokens === "number")
d.micro_tokens = o.longs === $String ? $String(m.micro_tokens) : m.micro_tokens;
else
d.micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.micro_tokens) : o.longs === $Number ? new $util.LongBits(m.micro_tokens.low >>> 0, m.micro_tokens.high >>> 0).toNumber(true) : m.micro_tokens;
}
if (m.burn_hash != null && $Object.hasOwnProperty.call(m, "burn_hash")) {
d.burn_hash = m.burn_hash;
}
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid")) {
d.mig_instance_uuid = m.mig_instance_uuid;
}
if (m.started_at_ms != null && $Object.hasOwnProperty.call(m, "started_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.started_at_ms = typeof m.started_at_ms === "number" ? $BigInt(m.started_at_ms) : $util.Long.fromBits(m.started_at_ms.low >>> 0, m.started_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.started_at_ms === "number")
d.started_at_ms = o.longs === $String ? $String(m.started_at_ms) : m.started_at_ms;
else
d.started_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.started_at_ms) : o.longs === $Number ? new $util.LongBits(m.started_at_ms.low >>> 0, m.started_at_ms.high >>> 0).toNumber(true) : m.started_at_ms;
}
if (m.ended_at_ms != null && $Object.hasOwnProperty.call(m, "ended_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.ended_at_ms = typeof m.ended_at_ms === "number" ? $BigInt(m.ended_at_ms) : $util.Long.fromBits(m.ended_at_ms.low >>> 0, m.ended_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.ended_at_ms === "number")
d.ended_at_ms = o.longs === $String ? $String(m.ended_at_ms) : m.ended_at_ms;
else
d.ended_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.ended_at_ms) : o.longs === $Number ? new $util.LongBits(m.ended_at_ms.low >>> 0, m.ended_at_ms.high >>> 0).toNumber(true) : m.ended_at_ms;
}
if (m.request_id != null && $Object.hasOwnProperty.call(m, "request_id")) {
d.request_id = m.request_id;
}
if (m.signature != null && $Object.hasOwnProperty.call(m, "signature")) {
d.signature = o.bytes === $String ? $util.base64.encode(m.signature, 0, m.signature.length) : o.bytes === $Array ? $Array.prototype.slice.call(m.signature) : m.signature;
}
return d;
};

Receipt.prototype.toJSON = function() {
return Receipt.toObject(this, $protobuf.util.toJSONOptions);
};

Receipt.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Receipt";
};

return Receipt;
})();

v1.InferChunk = (function() {

const InferChunk = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

InferChunk.prototype.text = "";
InferChunk.prototype.done = false;
InferChunk.prototype.summary = null;

InferChunk.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.text != null && $Object.hasOwnProperty.call(m, "text") && m.text !== "")
w.uint32(10).string(m.text);
if (m.done != null && $Object.hasOwnProperty.call(m, "done") && m.done !== false)
w.uint32(16).bool(m.done);
if (m.summary != null && $Object.hasOwnProperty.call(m, "summary"))
$root.edgefleet.v1.InferResponse.encode(m.summary, w.uint32(26).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

InferChunk.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.InferChunk();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.text = v;
else
delete m.text;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.bool())
m.done = v;
else
delete m.done;
continue;
}
case 3: {
if (u !== 2)
break;
m.summary = $root.edgefleet.v1.InferResponse.decode(r, r.size(), $undefined, q + 1, m.summary);
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

InferChunk.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.InferChunk)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.InferChunk: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.InferChunk();
if (d.text != null) {
if (typeof d.text !== "string" || d.text.length) {
m.text = $String(d.text);
}
}
if (d.done != null) {
if (d.done) {
m.done = $Boolean(d.done);
}
}
if (d.summary != null) {
if (!$util.isObject(d.summary))
throw $TypeError(".edgefleet.v1.InferChunk.summary: object expected");
m.summary = $root.edgefleet.v1.InferResponse.fromObject(d.summary, q + 1);
}
return m;
};

InferChunk.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.text = "";
d.done = false;
d.summary = null;
}
if (m.text != null && $Object.hasOwnProperty.call(m, "text")) {
d.text = m.text;
}
if (m.done != null && $Object.hasOwnProperty.call(m, "done")) {
d.done = m.done;
}
if (m.summary != null && $Object.hasOwnProperty.call(m, "summary")) {
d.summary = $root.edgefleet.v1.InferResponse.toObject(m.summary, o, q + 1);
}
return d;
};

InferChunk.prototype.toJSON = function() {
return InferChunk.toObject(this, $protobuf.util.toJSONOptions);
};

InferChunk.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.InferChunk";
};

return InferChunk;
})();

v1.Inference = (function() {

const Inference = function(rpcImpl, requestDelimited, responseDelimited) {
$protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
};

$Object.defineProperty(Inference.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: Inference, writable: true, enumerable: false, configurable: true });



$Object.defineProperties(Inference.prototype.infer = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, Inference.prototype.infer, $root.edgefleet.v1.InferRequest, $root.edgefleet.v1.InferResponse, request, callback);
}, {
name: { value: "Infer" },
path: { value: "/edgefleet.v1.Inference/Infer" },
requestType: { value: "InferRequest" },
responseType: { value: "InferResponse" },
requestStream: { value: $undefined },
responseStream: { value: $undefined }
});



$Object.defineProperties(Inference.prototype.inferStream = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, Inference.prototype.inferStream, $root.edgefleet.v1.InferRequest, $root.edgefleet.v1.InferChunk, request, callback);
}, {
name: { value: "InferStream" },
path: { value: "/edgefleet.v1.Inference/InferStream" },
requestType: { value: "InferRequest" },
responseType: { value: "InferChunk" },
requestStream: { value: $undefined },
responseStream: { value: true }
});

return Inference;
})();

v1.Location = (function() {

const Location = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Location.prototype.pop_id = "";
Location.prototype.cell_id = "";
Location.prototype.tracking_area = "";
Location.prototype.has_coordinates = false;
Location.prototype.lat = 0;
Location.prototype.lon = 0;
Location.prototype.has_velocity = false;
Location.prototype.speed_mps = 0;
Location.prototype.heading_deg = 0;

Location.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.pop_id != null && $Object.hasOwnProperty.call(m, "pop_id") && m.pop_id !== "")
w.uint32(10).string(m.pop_id);
if (m.cell_id != null && $Object.hasOwnProperty.call(m, "cell_id") && m.cell_id !== "")
w.uint32(18).string(m.cell_id);
if (m.tracking_area != null && $Object.hasOwnProperty.call(m, "tracking_area") && m.tracking_area !== "")
w.uint32(26).string(m.tracking_area);
if (m.has_coordinates != null && $Object.hasOwnProperty.call(m, "has_coordinates") && m.has_coordinates !== false)
w.uint32(32).bool(m.has_coordinates);
if (m.lat != null && $Object.hasOwnProperty.call(m, "lat") && !$Object.is(m.lat, 0))
w.uint32(41).double(m.lat);
if (m.lon != null && $Object.hasOwnProperty.call(m, "lon") && !$Object.is(m.lon, 0))
w.uint32(49).double(m.lon);
if (m.has_velocity != null && $Object.hasOwnProperty.call(m, "has_velocity") && m.has_velocity !== false)
w.uint32(56).bool(m.has_velocity);
if (m.speed_mps != null && $Object.hasOwnProperty.call(m, "speed_mps") && !$Object.is(m.speed_mps, 0))
w.uint32(65).double(m.speed_mps);
if (m.heading_deg != null && $Object.hasOwnProperty.call(m, "heading_deg") && !$Object.is(m.heading_deg, 0))
w.uint32(73).double(m.heading_deg);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Location.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Location();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.pop_id = v;
else
delete m.pop_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.cell_id = v;
else
delete m.cell_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.tracking_area = v;
else
delete m.tracking_area;
continue;
}
case 4: {
if (u !== 0)
break;
if (v = r.bool())
m.has_coordinates = v;
else
delete m.has_coordinates;
continue;
}
case 5: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.lat = v;
else
delete m.lat;
continue;
}
case 6: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.lon = v;
else
delete m.lon;
continue;
}
case 7: {
if (u !== 0)
break;
if (v = r.bool())
m.has_velocity = v;
else
delete m.has_velocity;
continue;
}
case 8: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.speed_mps = v;
else
delete m.speed_mps;
continue;
}
case 9: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.heading_deg = v;
else
delete m.heading_deg;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Location.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Location)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Location: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Location();
if (d.pop_id != null) {
if (typeof d.pop_id !== "string" || d.pop_id.length) {
m.pop_id = $String(d.pop_id);
}
}
if (d.cell_id != null) {
if (typeof d.cell_id !== "string" || d.cell_id.length) {
m.cell_id = $String(d.cell_id);
}
}
if (d.tracking_area != null) {
if (typeof d.tracking_area !== "string" || d.tracking_area.length) {
m.tracking_area = $String(d.tracking_area);
}
}
if (d.has_coordinates != null) {
if (d.has_coordinates) {
m.has_coordinates = $Boolean(d.has_coordinates);
}
}
if (d.lat != null) {
if (!$Object.is($Number(d.lat), 0)) {
m.lat = $Number(d.lat);
}
}
if (d.lon != null) {
if (!$Object.is($Number(d.lon), 0)) {
m.lon = $Number(d.lon);
}
}
if (d.has_velocity != null) {
if (d.has_velocity) {
m.has_velocity = $Boolean(d.has_velocity);
}
}
if (d.speed_mps != null) {
if (!$Object.is($Number(d.speed_mps), 0)) {
m.speed_mps = $Number(d.speed_mps);
}
}
if (d.heading_deg != null) {
if (!$Object.is($Number(d.heading_deg), 0)) {
m.heading_deg = $Number(d.heading_deg);
}
}
return m;
};

Location.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.pop_id = "";
d.cell_id = "";
d.tracking_area = "";
d.has_coordinates = false;
d.lat = 0;
d.lon = 0;
d.has_velocity = false;
d.speed_mps = 0;
d.heading_deg = 0;
}
if (m.pop_id != null && $Object.hasOwnProperty.call(m, "pop_id")) {
d.pop_id = m.pop_id;
}
if (m.cell_id != null && $Object.hasOwnProperty.call(m, "cell_id")) {
d.cell_id = m.cell_id;
}
if (m.tracking_area != null && $Object.hasOwnProperty.call(m, "tracking_area")) {
d.tracking_area = m.tracking_area;
}
if (m.has_coordinates != null && $Object.hasOwnProperty.call(m, "has_coordinates")) {
d.has_coordinates = m.has_coordinates;
}
if (m.lat != null && $Object.hasOwnProperty.call(m, "lat")) {
d.lat = o.json && !$isFinite(m.lat) ? $String(m.lat) : m.lat;
}
if (m.lon != null && $Object.hasOwnProperty.call(m, "lon")) {
d.lon = o.json && !$isFinite(m.lon) ? $String(m.lon) : m.lon;
}
if (m.has_velocity != null && $Object.hasOwnProperty.call(m, "has_velocity")) {
d.has_velocity = m.has_velocity;
}
if (m.speed_mps != null && $Object.hasOwnProperty.call(m, "speed_mps")) {
d.speed_mps = o.json && !$isFinite(m.speed_mps) ? $String(m.speed_mps) : m.speed_mps;
}
if (m.heading_deg != null && $Object.hasOwnProperty.call(m, "heading_deg")) {
d.heading_deg = o.json && !$isFinite(m.heading_deg) ? $String(m.heading_deg) : m.heading_deg;
}
return d;
};

Location.prototype.toJSON = function() {
return Location.toObject(this, $protobuf.util.toJSONOptions);
};

Location.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Location";
};

return Location;
})();

v1.AcquireRequest = (function() {

const AcquireRequest = function (p) {
this.accelerator_kinds = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

AcquireRequest.prototype.customer_id = "";
AcquireRequest.prototype.model = "";
AcquireRequest.prototype.location = null;
AcquireRequest.prototype.max_rtt_ms = 0;
AcquireRequest.prototype.budget_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
AcquireRequest.prototype.hedges = 0;
AcquireRequest.prototype.domestic_only = false;
AcquireRequest.prototype.accelerator_kinds = $util.emptyArray;
AcquireRequest.prototype.isolation = "";
AcquireRequest.prototype.ttl_s = 0;
AcquireRequest.prototype.explain = false;
AcquireRequest.prototype.priority = 0;
AcquireRequest.prototype.max_queue_ms = 0;

AcquireRequest.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.customer_id != null && $Object.hasOwnProperty.call(m, "customer_id") && m.customer_id !== "")
w.uint32(10).string(m.customer_id);
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(18).string(m.model);
if (m.location != null && $Object.hasOwnProperty.call(m, "location"))
$root.edgefleet.v1.Location.encode(m.location, w.uint32(26).fork(), q + 1).ldelim();
if (m.max_rtt_ms != null && $Object.hasOwnProperty.call(m, "max_rtt_ms") && !$Object.is(m.max_rtt_ms, 0))
w.uint32(33).double(m.max_rtt_ms);
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens") && (typeof m.budget_micro_tokens === "object" ? m.budget_micro_tokens.low || m.budget_micro_tokens.high : m.budget_micro_tokens !== 0))
w.uint32(40).uint64(m.budget_micro_tokens);
if (m.hedges != null && $Object.hasOwnProperty.call(m, "hedges") && m.hedges !== 0)
w.uint32(48).uint32(m.hedges);
if (m.domestic_only != null && $Object.hasOwnProperty.call(m, "domestic_only") && m.domestic_only !== false)
w.uint32(56).bool(m.domestic_only);
if (m.accelerator_kinds != null && m.accelerator_kinds.length) {
for (var i = 0; i < m.accelerator_kinds.length; ++i)
w.uint32(66).string(m.accelerator_kinds[i]);
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation") && m.isolation !== "")
w.uint32(74).string(m.isolation);
if (m.ttl_s != null && $Object.hasOwnProperty.call(m, "ttl_s") && m.ttl_s !== 0)
w.uint32(80).uint32(m.ttl_s);
if (m.explain != null && $Object.hasOwnProperty.call(m, "explain") && m.explain !== false)
w.uint32(88).bool(m.explain);
if (m.priority != null && $Object.hasOwnProperty.call(m, "priority") && m.priority !== 0)
w.uint32(96).uint32(m.priority);
if (m.max_queue_ms != null && $Object.hasOwnProperty.call(m, "max_queue_ms") && m.max_queue_ms !== 0)
w.uint32(104).uint32(m.max_queue_ms);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

AcquireRequest.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.AcquireRequest();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.customer_id = v;
else
delete m.customer_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 3: {
if (u !== 2)
break;
m.location = $root.edgefleet.v1.Location.decode(r, r.size(), $undefined, q + 1, m.location);
continue;
}
case 4: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.max_rtt_ms = v;
else
delete m.max_rtt_ms;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.budget_micro_tokens = v;
else
delete m.budget_micro_tokens;
continue;
}
case 6: {
if (u !== 0)
break;
if (v = r.uint32())
m.hedges = v;
else
delete m.hedges;
continue;
}
case 7: {
if (u !== 0)
break;
if (v = r.bool())
m.domestic_only = v;
else
delete m.domestic_only;
continue;
}
case 8: {
if (u !== 2)
break;
if (!(m.accelerator_kinds && m.accelerator_kinds.length))
m.accelerator_kinds = [];
m.accelerator_kinds.push(r.stringVerify());
continue;
}
case 9: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.isolation = v;
else
delete m.isolation;
continue;
}
case 10: {
if (u !== 0)
break;
if (v = r.uint32())
m.ttl_s = v;
else
delete m.ttl_s;
continue;
}
case 11: {
if (u !== 0)
break;
if (v = r.bool())
m.explain = v;
else
delete m.explain;
continue;
}
case 12: {
if (u !== 0)
break;
if (v = r.uint32())
m.priority = v;
else
delete m.priority;
continue;
}
case 13: {
if (u !== 0)
break;
if (v = r.uint32())
m.max_queue_ms = v;
else
delete m.max_queue_ms;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

AcquireRequest.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.AcquireRequest)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.AcquireRequest: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.AcquireRequest();
if (d.customer_id != null) {
if (typeof d.customer_id !== "string" || d.customer_id.length) {
m.customer_id = $String(d.customer_id);
}
}
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.location != null) {
if (!$util.isObject(d.location))
throw $TypeError(".edgefleet.v1.AcquireRequest.location: object expected");
m.location = $root.edgefleet.v1.Location.fromObject(d.location, q + 1);
}
if (d.max_rtt_ms != null) {
if (!$Object.is($Number(d.max_rtt_ms), 0)) {
m.max_rtt_ms = $Number(d.max_rtt_ms);
}
}
if (d.budget_micro_tokens != null) {
if (typeof d.budget_micro_tokens === "object" ? d.budget_micro_tokens.low || d.budget_micro_tokens.high : $Number(d.budget_micro_tokens) !== 0) {
if ($util.Long)
m.budget_micro_tokens = $util.Long.fromValue(d.budget_micro_tokens, true);
else if (typeof d.budget_micro_tokens === "string")
m.budget_micro_tokens = $parseInt(d.budget_micro_tokens, 10);
else if (typeof d.budget_micro_tokens === "number")
m.budget_micro_tokens = d.budget_micro_tokens;
else if (typeof d.budget_micro_tokens === "object")
m.budget_micro_tokens = new $util.LongBits(d.budget_micro_tokens.low >>> 0, d.budget_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.hedges != null) {
if ($Number(d.hedges) !== 0) {
m.hedges = d.hedges >>> 0;
}
}
if (d.domestic_only != null) {
if (d.domestic_only) {
m.domestic_only = $Boolean(d.domestic_only);
}
}
if (d.accelerator_kinds) {
if (!$Array.isArray(d.accelerator_kinds))
throw $TypeError(".edgefleet.v1.AcquireRequest.accelerator_kinds: array expected");
m.accelerator_kinds = $Array(d.accelerator_kinds.length);
for (var i = 0; i < d.accelerator_kinds.length; ++i) {
m.accelerator_kinds[i] = $String(d.accelerator_kinds[i]);
}
}
if (d.isolation != null) {
if (typeof d.isolation !== "string" || d.isolation.length) {
m.isolation = $String(d.isolation);
}
}
if (d.ttl_s != null) {
if ($Number(d.ttl_s) !== 0) {
m.ttl_s = d.ttl_s >>> 0;
}
}
if (d.explain != null) {
if (d.explain) {
m.explain = $Boolean(d.explain);
}
}
if (d.priority != null) {
if ($Number(d.priority) !== 0) {
m.priority = d.priority >>> 0;
}
}
if (d.max_queue_ms != null) {
if ($Number(d.max_queue_ms) !== 0) {
m.max_queue_ms = d.max_queue_ms >>> 0;
}
}
return m;
};

AcquireRequest.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.accelerator_kinds = [];
}
if (o.defaults) {
d.customer_id = "";
d.model = "";
d.location = null;
d.max_rtt_ms = 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.budget_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.budget_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.hedges = 0;
d.domestic_only = false;
d.isolation = "";
d.ttl_s = 0;
d.explain = false;
d.priority = 0;
d.max_queue_ms = 0;
}
if (m.customer_id != null && $Object.hasOwnProperty.call(m, "customer_id")) {
d.customer_id = m.customer_id;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.location != null && $Object.hasOwnProperty.call(m, "location")) {
d.location = $root.edgefleet.v1.Location.toObject(m.location, o, q + 1);
}
if (m.max_rtt_ms != null && $Object.hasOwnProperty.call(m, "max_rtt_ms")) {
d.max_rtt_ms = o.json && !$isFinite(m.max_rtt_ms) ? $String(m.max_rtt_ms) : m.max_rtt_ms;
}
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.budget_micro_tokens = typeof m.budget_micro_tokens === "number" ? $BigInt(m.budget_micro_tokens) : $util.Long.fromBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.budget_micro_tokens === "number")
d.budget_micro_tokens = o.longs === $String ? $String(m.budget_micro_tokens) : m.budget_micro_tokens;
else
d.budget_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.budget_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0).toNumber(true) : m.budget_micro_tokens;
}
if (m.hedges != null && $Object.hasOwnProperty.call(m, "hedges")) {
d.hedges = m.hedges;
}
if (m.domestic_only != null && $Object.hasOwnProperty.call(m, "domestic_only")) {
d.domestic_only = m.domestic_only;
}
if (m.accelerator_kinds && m.accelerator_kinds.length) {
d.accelerator_kinds = $Array(m.accelerator_kinds.length);
for (var j = 0; j < m.accelerator_kinds.length; ++j) {
d.accelerator_kinds[j] = m.accelerator_kinds[j];
}
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation")) {
d.isolation = m.isolation;
}
if (m.ttl_s != null && $Object.hasOwnProperty.call(m, "ttl_s")) {
d.ttl_s = m.ttl_s;
}
if (m.explain != null && $Object.hasOwnProperty.call(m, "explain")) {
d.explain = m.explain;
}
if (m.priority != null && $Object.hasOwnProperty.call(m, "priority")) {
d.priority = m.priority;
}
if (m.max_queue_ms != null && $Object.hasOwnProperty.call(m, "max_queue_ms")) {
d.max_queue_ms = m.max_queue_ms;
}
return d;
};

AcquireRequest.prototype.toJSON = function() {
return AcquireRequest.toObject(this, $protobuf.util.toJSONOptions);
};

AcquireRequest.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.AcquireRequest";
};

return AcquireRequest;
})();

v1.Lease = (function() {

const Lease = function (p) {
this.site_public_keys = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Lease.prototype.lease_id = "";
Lease.prototype.hold_id = "";
Lease.prototype.site_id = "";
Lease.prototype.endpoint = "";
Lease.prototype.token = "";
Lease.prototype.expires_at_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Lease.prototype.budget_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Lease.prototype.expected_rtt_ms = 0;
Lease.prototype.power_price_per_kwh = 0;
Lease.prototype.accelerator_model = "";
Lease.prototype.slot = "";
Lease.prototype.available_slots = 0;
Lease.prototype.endpoint_tls = false;
Lease.prototype.mig_instance_uuid = "";
Lease.prototype.site_public_keys = $util.emptyArray;

Lease.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(10).string(m.lease_id);
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(18).string(m.hold_id);
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(26).string(m.site_id);
if (m.endpoint != null && $Object.hasOwnProperty.call(m, "endpoint") && m.endpoint !== "")
w.uint32(34).string(m.endpoint);
if (m.token != null && $Object.hasOwnProperty.call(m, "token") && m.token !== "")
w.uint32(42).string(m.token);
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms") && (typeof m.expires_at_ms === "object" ? m.expires_at_ms.low || m.expires_at_ms.high : m.expires_at_ms !== 0))
w.uint32(48).uint64(m.expires_at_ms);
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens") && (typeof m.budget_micro_tokens === "object" ? m.budget_micro_tokens.low || m.budget_micro_tokens.high : m.budget_micro_tokens !== 0))
w.uint32(56).uint64(m.budget_micro_tokens);
if (m.expected_rtt_ms != null && $Object.hasOwnProperty.call(m, "expected_rtt_ms") && !$Object.is(m.expected_rtt_ms, 0))
w.uint32(65).double(m.expected_rtt_ms);
if (m.power_price_per_kwh != null && $Object.hasOwnProperty.call(m, "power_price_per_kwh") && !$Object.is(m.power_price_per_kwh, 0))
w.uint32(73).double(m.power_price_per_kwh);
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model") && m.accelerator_model !== "")
w.uint32(82).string(m.accelerator_model);
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot") && m.slot !== "")
w.uint32(90).string(m.slot);
if (m.available_slots != null && $Object.hasOwnProperty.call(m, "available_slots") && m.available_slots !== 0)
w.uint32(96).uint32(m.available_slots);
if (m.endpoint_tls != null && $Object.hasOwnProperty.call(m, "endpoint_tls") && m.endpoint_tls !== false)
w.uint32(104).bool(m.endpoint_tls);
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid") && m.mig_instance_uuid !== "")
w.uint32(114).string(m.mig_instance_uuid);
if (m.site_public_keys != null && m.site_public_keys.length) {
for (var i = 0; i < m.site_public_keys.length; ++i)
w.uint32(122).string(m.site_public_keys[i]);
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Lease.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Lease();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.endpoint = v;
else
delete m.endpoint;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.token = v;
else
delete m.token;
continue;
}
case 6: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.expires_at_ms = v;
else
delete m.expires_at_ms;
continue;
}
case 7: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.budget_micro_tokens = v;
else
delete m.budget_micro_tokens;
continue;
}
case 8: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.expected_rtt_ms = v;
else
delete m.expected_rtt_ms;
continue;
}
case 9: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.power_price_per_kwh = v;
else
delete m.power_price_per_kwh;
continue;
}
case 10: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.accelerator_model = v;
else
delete m.accelerator_model;
continue;
}
case 11: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.slot = v;
else
delete m.slot;
continue;
}
case 12: {
if (u !== 0)
break;
if (v = r.uint32())
m.available_slots = v;
else
delete m.available_slots;
continue;
}
case 13: {
if (u !== 0)
break;
if (v = r.bool())
m.endpoint_tls = v;
else
delete m.endpoint_tls;
continue;
}
case 14: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.mig_instance_uuid = v;
else
delete m.mig_instance_uuid;
continue;
}
case 15: {
if (u !== 2)
break;
if (!(m.site_public_keys && m.site_public_keys.length))
m.site_public_keys = [];
m.site_public_keys.push(r.stringVerify());
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Lease.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Lease)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Lease: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Lease();
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.endpoint != null) {
if (typeof d.endpoint !== "string" || d.endpoint.length) {
m.endpoint = $String(d.endpoint);
}
}
if (d.token != null) {
if (typeof d.token !== "string" || d.token.length) {
m.token = $String(d.token);
}
}
if (d.expires_at_ms != null) {
if (typeof d.expires_at_ms === "object" ? d.expires_at_ms.low || d.expires_at_ms.high : $Number(d.expires_at_ms) !== 0) {
if ($util.Long)
m.expires_at_ms = $util.Long.fromValue(d.expires_at_ms, true);
else if (typeof d.expires_at_ms === "string")
m.expires_at_ms = $parseInt(d.expires_at_ms, 10);
else if (typeof d.expires_at_ms === "number")
m.expires_at_ms = d.expires_at_ms;
else if (typeof d.expires_at_ms === "object")
m.expires_at_ms = new $util.LongBits(d.expires_at_ms.low >>> 0, d.expires_at_ms.high >>> 0).toNumber(true);
}
}
if (d.budget_micro_tokens != null) {
if (typeof d.budget_micro_tokens === "object" ? d.budget_micro_tokens.low || d.budget_micro_tokens.high : $Number(d.budget_micro_tokens) !== 0) {
if ($util.Long)
m.budget_micro_tokens = $util.Long.fromValue(d.budget_micro_tokens, true);
else if (typeof d.budget_micro_tokens === "string")
m.budget_micro_tokens = $parseInt(d.budget_micro_tokens, 10);
else if (typeof d.budget_micro_tokens === "number")
m.budget_micro_tokens = d.budget_micro_tokens;
else if (typeof d.budget_micro_tokens === "object")
m.budget_micro_tokens = new $util.LongBits(d.budget_micro_tokens.low >>> 0, d.budget_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.expected_rtt_ms != null) {
if (!$Object.is($Number(d.expected_rtt_ms), 0)) {
m.expected_rtt_ms = $Number(d.expected_rtt_ms);
}
}
if (d.power_price_per_kwh != null) {
if (!$Object.is($Number(d.power_price_per_kwh), 0)) {
m.power_price_per_kwh = $Number(d.power_price_per_kwh);
}
}
if (d.accelerator_model != null) {
if (typeof d.accelerator_model !== "string" || d.accelerator_model.length) {
m.accelerator_model = $String(d.accelerator_model);
}
}
if (d.slot != null) {
if (typeof d.slot !== "string" || d.slot.length) {
m.slot = $String(d.slot);
}
}
if (d.available_slots != null) {
if ($Number(d.available_slots) !== 0) {
m.available_slots = d.available_slots >>> 0;
}
}
if (d.endpoint_tls != null) {
if (d.endpoint_tls) {
m.endpoint_tls = $Boolean(d.endpoint_tls);
}
}
if (d.mig_instance_uuid != null) {
if (typeof d.mig_instance_uuid !== "string" || d.mig_instance_uuid.length) {
m.mig_instance_uuid = $String(d.mig_instance_uuid);
}
}
if (d.site_public_keys) {
if (!$Array.isArray(d.site_public_keys))
throw $TypeError(".edgefleet.v1.Lease.site_public_keys: array expected");
m.site_public_keys = $Array(d.site_public_keys.length);
for (var i = 0; i < d.site_public_keys.length; ++i) {
m.site_public_keys[i] = $String(d.site_public_keys[i]);
}
}
return m;
};

Lease.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.site_public_keys = [];
}
if (o.defaults) {
d.lease_id = "";
d.hold_id = "";
d.site_id = "";
d.endpoint = "";
d.token = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.expires_at_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.expires_at_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.budget_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.budget_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.expected_rtt_ms = 0;
d.power_price_per_kwh = 0;
d.accelerator_model = "";
d.slot = "";
d.available_slots = 0;
d.endpoint_tls = false;
d.mig_instance_uuid = "";
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.endpoint != null && $Object.hasOwnProperty.call(m, "endpoint")) {
d.endpoint = m.endpoint;
}
if (m.token != null && $Object.hasOwnProperty.call(m, "token")) {
d.token = m.token;
}
if (m.expires_at_ms != null && $Object.hasOwnProperty.call(m, "expires_at_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.expires_at_ms = typeof m.expires_at_ms === "number" ? $BigInt(m.expires_at_ms) : $util.Long.fromBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0, true).toBigInt();
else if (typeof m.expires_at_ms === "number")
d.expires_at_ms = o.longs === $String ? $String(m.expires_at_ms) : m.expires_at_ms;
else
d.expires_at_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.expires_at_ms) : o.longs === $Number ? new $util.LongBits(m.expires_at_ms.low >>> 0, m.expires_at_ms.high >>> 0).toNumber(true) : m.expires_at_ms;
}
if (m.budget_micro_tokens != null && $Object.hasOwnProperty.call(m, "budget_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.budget_micro_tokens = typeof m.budget_micro_tokens === "number" ? $BigInt(m.budget_micro_tokens) : $util.Long.fromBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.budget_micro_tokens === "number")
d.budget_micro_tokens = o.longs === $String ? $String(m.budget_micro_tokens) : m.budget_micro_tokens;
else
d.budget_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.budget_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.budget_micro_tokens.low >>> 0, m.budget_micro_tokens.high >>> 0).toNumber(true) : m.budget_micro_tokens;
}
if (m.expected_rtt_ms != null && $Object.hasOwnProperty.call(m, "expected_rtt_ms")) {
d.expected_rtt_ms = o.json && !$isFinite(m.expected_rtt_ms) ? $String(m.expected_rtt_ms) : m.expected_rtt_ms;
}
if (m.power_price_per_kwh != null && $Object.hasOwnProperty.call(m, "power_price_per_kwh")) {
d.power_price_per_kwh = o.json && !$isFinite(m.power_price_per_kwh) ? $String(m.power_price_per_kwh) : m.power_price_per_kwh;
}
if (m.accelerator_model != null && $Object.hasOwnProperty.call(m, "accelerator_model")) {
d.accelerator_model = m.accelerator_model;
}
if (m.slot != null && $Object.hasOwnProperty.call(m, "slot")) {
d.slot = m.slot;
}
if (m.available_slots != null && $Object.hasOwnProperty.call(m, "available_slots")) {
d.available_slots = m.available_slots;
}
if (m.endpoint_tls != null && $Object.hasOwnProperty.call(m, "endpoint_tls")) {
d.endpoint_tls = m.endpoint_tls;
}
if (m.mig_instance_uuid != null && $Object.hasOwnProperty.call(m, "mig_instance_uuid")) {
d.mig_instance_uuid = m.mig_instance_uuid;
}
if (m.site_public_keys && m.site_public_keys.length) {
d.site_public_keys = $Array(m.site_public_keys.length);
for (var j = 0; j < m.site_public_keys.length; ++j) {
d.site_public_keys[j] = m.site_public_keys[j];
}
}
return d;
};

Lease.prototype.toJSON = function() {
return Lease.toObject(this, $protobuf.util.toJSONOptions);
};

Lease.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Lease";
};

return Lease;
})();

v1.Candidate = (function() {

const Candidate = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Candidate.prototype.site_id = "";
Candidate.prototype.score = 0;
Candidate.prototype.rtt_ms = 0;
Candidate.prototype.rtt_source = "";
Candidate.prototype.cost_micro_tokens_per_hour = 0;
Candidate.prototype.load = 0;
Candidate.prototype.error_rate = 0;
Candidate.prototype.price_per_kwh = 0;
Candidate.prototype.free_slots = 0;

Candidate.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.score != null && $Object.hasOwnProperty.call(m, "score") && !$Object.is(m.score, 0))
w.uint32(17).double(m.score);
if (m.rtt_ms != null && $Object.hasOwnProperty.call(m, "rtt_ms") && !$Object.is(m.rtt_ms, 0))
w.uint32(25).double(m.rtt_ms);
if (m.rtt_source != null && $Object.hasOwnProperty.call(m, "rtt_source") && m.rtt_source !== "")
w.uint32(34).string(m.rtt_source);
if (m.cost_micro_tokens_per_hour != null && $Object.hasOwnProperty.call(m, "cost_micro_tokens_per_hour") && !$Object.is(m.cost_micro_tokens_per_hour, 0))
w.uint32(41).double(m.cost_micro_tokens_per_hour);
if (m.load != null && $Object.hasOwnProperty.call(m, "load") && !$Object.is(m.load, 0))
w.uint32(49).double(m.load);
if (m.error_rate != null && $Object.hasOwnProperty.call(m, "error_rate") && !$Object.is(m.error_rate, 0))
w.uint32(57).double(m.error_rate);
if (m.price_per_kwh != null && $Object.hasOwnProperty.call(m, "price_per_kwh") && !$Object.is(m.price_per_kwh, 0))
w.uint32(65).double(m.price_per_kwh);
if (m.free_slots != null && $Object.hasOwnProperty.call(m, "free_slots") && m.free_slots !== 0)
w.uint32(72).uint32(m.free_slots);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Candidate.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Candidate();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.score = v;
else
delete m.score;
continue;
}
case 3: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.rtt_ms = v;
else
delete m.rtt_ms;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.rtt_source = v;
else
delete m.rtt_source;
continue;
}
case 5: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.cost_micro_tokens_per_hour = v;
else
delete m.cost_micro_tokens_per_hour;
continue;
}
case 6: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.load = v;
else
delete m.load;
continue;
}
case 7: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.error_rate = v;
else
delete m.error_rate;
continue;
}
case 8: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.price_per_kwh = v;
else
delete m.price_per_kwh;
continue;
}
case 9: {
if (u !== 0)
break;
if (v = r.uint32())
m.free_slots = v;
else
delete m.free_slots;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Candidate.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Candidate)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Candidate: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Candidate();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.score != null) {
if (!$Object.is($Number(d.score), 0)) {
m.score = $Number(d.score);
}
}
if (d.rtt_ms != null) {
if (!$Object.is($Number(d.rtt_ms), 0)) {
m.rtt_ms = $Number(d.rtt_ms);
}
}
if (d.rtt_source != null) {
if (typeof d.rtt_source !== "string" || d.rtt_source.length) {
m.rtt_source = $String(d.rtt_source);
}
}
if (d.cost_micro_tokens_per_hour != null) {
if (!$Object.is($Number(d.cost_micro_tokens_per_hour), 0)) {
m.cost_micro_tokens_per_hour = $Number(d.cost_micro_tokens_per_hour);
}
}
if (d.load != null) {
if (!$Object.is($Number(d.load), 0)) {
m.load = $Number(d.load);
}
}
if (d.error_rate != null) {
if (!$Object.is($Number(d.error_rate), 0)) {
m.error_rate = $Number(d.error_rate);
}
}
if (d.price_per_kwh != null) {
if (!$Object.is($Number(d.price_per_kwh), 0)) {
m.price_per_kwh = $Number(d.price_per_kwh);
}
}
if (d.free_slots != null) {
if ($Number(d.free_slots) !== 0) {
m.free_slots = d.free_slots >>> 0;
}
}
return m;
};

Candidate.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.site_id = "";
d.score = 0;
d.rtt_ms = 0;
d.rtt_source = "";
d.cost_micro_tokens_per_hour = 0;
d.load = 0;
d.error_rate = 0;
d.price_per_kwh = 0;
d.free_slots = 0;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.score != null && $Object.hasOwnProperty.call(m, "score")) {
d.score = o.json && !$isFinite(m.score) ? $String(m.score) : m.score;
}
if (m.rtt_ms != null && $Object.hasOwnProperty.call(m, "rtt_ms")) {
d.rtt_ms = o.json && !$isFinite(m.rtt_ms) ? $String(m.rtt_ms) : m.rtt_ms;
}
if (m.rtt_source != null && $Object.hasOwnProperty.call(m, "rtt_source")) {
d.rtt_source = m.rtt_source;
}
if (m.cost_micro_tokens_per_hour != null && $Object.hasOwnProperty.call(m, "cost_micro_tokens_per_hour")) {
d.cost_micro_tokens_per_hour = o.json && !$isFinite(m.cost_micro_tokens_per_hour) ? $String(m.cost_micro_tokens_per_hour) : m.cost_micro_tokens_per_hour;
}
if (m.load != null && $Object.hasOwnProperty.call(m, "load")) {
d.load = o.json && !$isFinite(m.load) ? $String(m.load) : m.load;
}
if (m.error_rate != null && $Object.hasOwnProperty.call(m, "error_rate")) {
d.error_rate = o.json && !$isFinite(m.error_rate) ? $String(m.error_rate) : m.error_rate;
}
if (m.price_per_kwh != null && $Object.hasOwnProperty.call(m, "price_per_kwh")) {
d.price_per_kwh = o.json && !$isFinite(m.price_per_kwh) ? $String(m.price_per_kwh) : m.price_per_kwh;
}
if (m.free_slots != null && $Object.hasOwnProperty.call(m, "free_slots")) {
d.free_slots = m.free_slots;
}
return d;
};

Candidate.prototype.toJSON = function() {
return Candidate.toObject(this, $protobuf.util.toJSONOptions);
};

Candidate.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Candidate";
};

return Candidate;
})();

v1.RouteExplanation = (function() {

const RouteExplanation = function (p) {
this.rejected = {};
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

RouteExplanation.prototype.winner = null;
RouteExplanation.prototype.runner_up = null;
RouteExplanation.prototype.considered = 0;
RouteExplanation.prototype.eligible = 0;
RouteExplanation.prototype.rejected = $util.emptyObject;
RouteExplanation.prototype.status = "";
RouteExplanation.prototype.attachment = "";

RouteExplanation.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.winner != null && $Object.hasOwnProperty.call(m, "winner"))
$root.edgefleet.v1.Candidate.encode(m.winner, w.uint32(10).fork(), q + 1).ldelim();
if (m.runner_up != null && $Object.hasOwnProperty.call(m, "runner_up"))
$root.edgefleet.v1.Candidate.encode(m.runner_up, w.uint32(18).fork(), q + 1).ldelim();
if (m.considered != null && $Object.hasOwnProperty.call(m, "considered") && m.considered !== 0)
w.uint32(24).uint32(m.considered);
if (m.eligible != null && $Object.hasOwnProperty.call(m, "eligible") && m.eligible !== 0)
w.uint32(32).uint32(m.eligible);
if (m.rejected != null && $Object.hasOwnProperty.call(m, "rejected")) {
for (var ks = $Object.keys(m.rejected), i = 0; i < ks.length; ++i) {
w.uint32(42).fork().uint32(10).string(ks[i]).uint32(16).uint32(m.rejected[ks[i]]).ldelim();
}
}
if (m.status != null && $Object.hasOwnProperty.call(m, "status") && m.status !== "")
w.uint32(50).string(m.status);
if (m.attachment != null && $Object.hasOwnProperty.call(m, "attachment") && m.attachment !== "")
w.uint32(58).string(m.attachment);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

RouteExplanation.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, k, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.RouteExplanation();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
m.winner = $root.edgefleet.v1.Candidate.decode(r, r.size(), $undefined, q + 1, m.winner);
continue;
}
case 2: {
if (u !== 2)
break;
m.runner_up = $root.edgefleet.v1.Candidate.decode(r, r.size(), $undefined, q + 1, m.runner_up);
continue;
}
case 3: {
if (u !== 0)
break;
if (v = r.uint32())
m.considered = v;
else
delete m.considered;
continue;
}
case 4: {
if (u !== 0)
break;
if (v = r.uint32())
m.eligible = v;
else
delete m.eligible;
continue;
}
case 5: {
if (u !== 2)
break;
if (m.rejected === $util.emptyObject)
m.rejected = {};
var c2 = r.size() + r.pos;
if (c2 > r.len)
throw $RangeError("index out of range");
r.len = c2;
k = "";
v = 0;
while (r.pos < c2) {
var t2 = r.tag();
u = t2 & 7;
switch (t2 >>>= 3) {
case 1:
if (u !== 2)
break;
k = r.stringVerify();
continue;
case 2:
if (u !== 0)
break;
v = r.uint32();
continue;
}
r.skipType(u, q, t2);
}
if (r.pos !== c2)
throw $RangeError("index out of range");
r.len = c;
if (k === "__proto__")
$util.makeProp(m.rejected, k);
m.rejected[k] = v;
continue;
}
case 6: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.status = v;
else
delete m.status;
continue;
}
case 7: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.attachment = v;
else
delete m.attachment;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

RouteExplanation.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.RouteExplanation)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.RouteExplanation: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.RouteExplanation();
if (d.winner != null) {
if (!$util.isObject(d.winner))
throw $TypeError(".edgefleet.v1.RouteExplanation.winner: object expected");
m.winner = $root.edgefleet.v1.Candidate.fromObject(d.winner, q + 1);
}
if (d.runner_up != null) {
if (!$util.isObject(d.runner_up))
throw $TypeError(".edgefleet.v1.RouteExplanation.runner_up: object expected");
m.runner_up = $root.edgefleet.v1.Candidate.fromObject(d.runner_up, q + 1);
}
if (d.considered != null) {
if ($Number(d.considered) !== 0) {
m.considered = d.considered >>> 0;
}
}
if (d.eligible != null) {
if ($Number(d.eligible) !== 0) {
m.eligible = d.eligible >>> 0;
}
}
if (d.rejected) {
if (!$util.isObject(d.rejected))
throw $TypeError(".edgefleet.v1.RouteExplanation.rejected: object expected");
m.rejected = {};
for (var ks = $Object.keys(d.rejected), i = 0; i < ks.length; ++i) {
if (ks[i] === "__proto__")
$util.makeProp(m.rejected, ks[i]);
m.rejected[ks[i]] = d.rejected[ks[i]] >>> 0;
}
}
if (d.status != null) {
if (typeof d.status !== "string" || d.status.length) {
m.status = $String(d.status);
}
}
if (d.attachment != null) {
if (typeof d.attachment !== "string" || d.attachment.length) {
m.attachment = $String(d.attachment);
}
}
return m;
};

RouteExplanation.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.objects || o.defaults) {
d.rejected = {};
}
if (o.defaults) {
d.winner = null;
d.runner_up = null;
d.considered = 0;
d.eligible = 0;
d.status = "";
d.attachment = "";
}
if (m.winner != null && $Object.hasOwnProperty.call(m, "winner")) {
d.winner = $root.edgefleet.v1.Candidate.toObject(m.winner, o, q + 1);
}
if (m.runner_up != null && $Object.hasOwnProperty.call(m, "runner_up")) {
d.runner_up = $root.edgefleet.v1.Candidate.toObject(m.runner_up, o, q + 1);
}
if (m.considered != null && $Object.hasOwnProperty.call(m, "considered")) {
d.considered = m.considered;
}
if (m.eligible != null && $Object.hasOwnProperty.call(m, "eligible")) {
d.eligible = m.eligible;
}
var ks2;
if (m.rejected && (ks2 = $Object.keys(m.rejected)).length) {
d.rejected = {};
for (var j = 0; j < ks2.length; ++j) {
if (ks2[j] === "__proto__")
$util.makeProp(d.rejected, ks2[j]);
d.rejected[ks2[j]] = m.rejected[ks2[j]];
}
}
if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
d.status = m.status;
}
if (m.attachment != null && $Object.hasOwnProperty.call(m, "attachment")) {
d.attachment = m.attachment;
}
return d;
};

RouteExplanation.prototype.toJSON = function() {
return RouteExplanation.toObject(this, $protobuf.util.toJSONOptions);
};

RouteExplanation.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.RouteExplanation";
};

return RouteExplanation;
})();

v1.AcquireResponse = (function() {

const AcquireResponse = function (p) {
this.hedges = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

AcquireResponse.prototype.primary = null;
AcquireResponse.prototype.hedges = $util.emptyArray;
AcquireResponse.prototype.explanation = null;

AcquireResponse.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.primary != null && $Object.hasOwnProperty.call(m, "primary"))
$root.edgefleet.v1.Lease.encode(m.primary, w.uint32(10).fork(), q + 1).ldelim();
if (m.hedges != null && m.hedges.length) {
for (var i = 0; i < m.hedges.length; ++i)
$root.edgefleet.v1.Lease.encode(m.hedges[i], w.uint32(18).fork(), q + 1).ldelim();
}
if (m.explanation != null && $Object.hasOwnProperty.call(m, "explanation"))
$root.edgefleet.v1.RouteExplanation.encode(m.explanation, w.uint32(26).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

AcquireResponse.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.AcquireResponse();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
m.primary = $root.edgefleet.v1.Lease.decode(r, r.size(), $undefined, q + 1, m.primary);
continue;
}
case 2: {
if (u !== 2)
break;
if (!(m.hedges && m.hedges.length))
m.hedges = [];
m.hedges.push($root.edgefleet.v1.Lease.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 3: {
if (u !== 2)
break;
m.explanation = $root.edgefleet.v1.RouteExplanation.decode(r, r.size(), $undefined, q + 1, m.explanation);
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

AcquireResponse.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.AcquireResponse)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.AcquireResponse: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.AcquireResponse();
if (d.primary != null) {
if (!$util.isObject(d.primary))
throw $TypeError(".edgefleet.v1.AcquireResponse.primary: object expected");
m.primary = $root.edgefleet.v1.Lease.fromObject(d.primary, q + 1);
}
if (d.hedges) {
if (!$Array.isArray(d.hedges))
throw $TypeError(".edgefleet.v1.AcquireResponse.hedges: array expected");
m.hedges = $Array(d.hedges.length);
for (var i = 0; i < d.hedges.length; ++i) {
if (!$util.isObject(d.hedges[i]))
throw $TypeError(".edgefleet.v1.AcquireResponse.hedges: object expected");
m.hedges[i] = $root.edgefleet.v1.Lease.fromObject(d.hedges[i], q + 1);
}
}
if (d.explanation != null) {
if (!$util.isObject(d.explanation))
throw $TypeError(".edgefleet.v1.AcquireResponse.explanation: object expected");
m.explanation = $root.edgefleet.v1.RouteExplanation.fromObject(d.explanation, q + 1);
}
return m;
};

AcquireResponse.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.hedges = [];
}
if (o.defaults) {
d.primary = null;
d.explanation = null;
}
if (m.primary != null && $Object.hasOwnProperty.call(m, "primary")) {
d.primary = $root.edgefleet.v1.Lease.toObject(m.primary, o, q + 1);
}
if (m.hedges && m.hedges.length) {
d.hedges = $Array(m.hedges.length);
for (var j = 0; j < m.hedges.length; ++j) {
d.hedges[j] = $root.edgefleet.v1.Lease.toObject(m.hedges[j], o, q + 1);
}
}
if (m.explanation != null && $Object.hasOwnProperty.call(m, "explanation")) {
d.explanation = $root.edgefleet.v1.RouteExplanation.toObject(m.explanation, o, q + 1);
}
return d;
};

AcquireResponse.prototype.toJSON = function() {
return AcquireResponse.toObject(this, $protobuf.util.toJSONOptions);
};

AcquireResponse.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.AcquireResponse";
};

return AcquireResponse;
})();

v1.SiteLatency = (function() {

const SiteLatency = function (p) {
this.bucket_counts = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

SiteLatency.prototype.site_id = "";
SiteLatency.prototype.bucket_counts = $util.emptyArray;

SiteLatency.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.bucket_counts != null && m.bucket_counts.length) {
w.uint32(18).uint32s(m.bucket_counts);
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

SiteLatency.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.SiteLatency();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u === 2) {
if (!(m.bucket_counts && m.bucket_counts.length))
m.bucket_counts = [];
r.uint32s(m.bucket_counts);
continue;
}
if (u !== 0)
break;
if (!(m.bucket_counts && m.bucket_counts.length))
m.bucket_counts = [];
m.bucket_counts.push(r.uint32());
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

SiteLatency.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.SiteLatency)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.SiteLatency: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.SiteLatency();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.bucket_counts) {
if (!$Array.isArray(d.bucket_counts))
throw $TypeError(".edgefleet.v1.SiteLatency.bucket_counts: array expected");
m.bucket_counts = $Array(d.bucket_counts.length);
for (var i = 0; i < d.bucket_counts.length; ++i) {
m.bucket_counts[i] = d.bucket_counts[i] >>> 0;
}
}
return m;
};

SiteLatency.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.bucket_counts = [];
}
if (o.defaults) {
d.site_id = "";
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.bucket_counts && m.bucket_counts.length) {
d.bucket_counts = $Array(m.bucket_counts.length);
for (var j = 0; j < m.bucket_counts.length; ++j) {
d.bucket_counts[j] = m.bucket_counts[j];
}
}
return d;
};

SiteLatency.prototype.toJSON = function() {
return SiteLatency.toObject(this, $protobuf.util.toJSONOptions);
};

SiteLatency.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.SiteLatency";
};

return SiteLatency;
})();

v1.RenewRequest = (function() {

const RenewRequest = function (p) {
this.observed = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

RenewRequest.prototype.hold_id = "";
RenewRequest.prototype.ttl_s = 0;
RenewRequest.prototype.observed = $util.emptyArray;

RenewRequest.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(10).string(m.hold_id);
if (m.ttl_s != null && $Object.hasOwnProperty.call(m, "ttl_s") && m.ttl_s !== 0)
w.uint32(16).uint32(m.ttl_s);
if (m.observed != null && m.observed.length) {
for (var i = 0; i < m.observed.length; ++i)
$root.edgefleet.v1.SiteLatency.encode(m.observed[i], w.uint32(26).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

RenewRequest.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.RenewRequest();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.uint32())
m.ttl_s = v;
else
delete m.ttl_s;
continue;
}
case 3: {
if (u !== 2)
break;
if (!(m.observed && m.observed.length))
m.observed = [];
m.observed.push($root.edgefleet.v1.SiteLatency.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

RenewRequest.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.RenewRequest)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.RenewRequest: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.RenewRequest();
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.ttl_s != null) {
if ($Number(d.ttl_s) !== 0) {
m.ttl_s = d.ttl_s >>> 0;
}
}
if (d.observed) {
if (!$Array.isArray(d.observed))
throw $TypeError(".edgefleet.v1.RenewRequest.observed: array expected");
m.observed = $Array(d.observed.length);
for (var i = 0; i < d.observed.length; ++i) {
if (!$util.isObject(d.observed[i]))
throw $TypeError(".edgefleet.v1.RenewRequest.observed: object expected");
m.observed[i] = $root.edgefleet.v1.SiteLatency.fromObject(d.observed[i], q + 1);
}
}
return m;
};

RenewRequest.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.observed = [];
}
if (o.defaults) {
d.hold_id = "";
d.ttl_s = 0;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.ttl_s != null && $Object.hasOwnProperty.call(m, "ttl_s")) {
d.ttl_s = m.ttl_s;
}
if (m.observed && m.observed.length) {
d.observed = $Array(m.observed.length);
for (var j = 0; j < m.observed.length; ++j) {
d.observed[j] = $root.edgefleet.v1.SiteLatency.toObject(m.observed[j], o, q + 1);
}
}
return d;
};

RenewRequest.prototype.toJSON = function() {
return RenewRequest.toObject(this, $protobuf.util.toJSONOptions);
};

RenewRequest.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.RenewRequest";
};

return RenewRequest;
})();

v1.RenewResponse = (function() {

const RenewResponse = function (p) {
this.leases = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

RenewResponse.prototype.leases = $util.emptyArray;

RenewResponse.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.leases != null && m.leases.length) {
for (var i = 0; i < m.leases.length; ++i)
$root.edgefleet.v1.Lease.encode(m.leases[i], w.uint32(10).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

RenewResponse.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.RenewResponse();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if (!(m.leases && m.leases.length))
m.leases = [];
m.leases.push($root.edgefleet.v1.Lease.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

RenewResponse.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.RenewResponse)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.RenewResponse: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.RenewResponse();
if (d.leases) {
if (!$Array.isArray(d.leases))
throw $TypeError(".edgefleet.v1.RenewResponse.leases: array expected");
m.leases = $Array(d.leases.length);
for (var i = 0; i < d.leases.length; ++i) {
if (!$util.isObject(d.leases[i]))
throw $TypeError(".edgefleet.v1.RenewResponse.leases: object expected");
m.leases[i] = $root.edgefleet.v1.Lease.fromObject(d.leases[i], q + 1);
}
}
return m;
};

RenewResponse.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.leases = [];
}
if (m.leases && m.leases.length) {
d.leases = $Array(m.leases.length);
for (var j = 0; j < m.leases.length; ++j) {
d.leases[j] = $root.edgefleet.v1.Lease.toObject(m.leases[j], o, q + 1);
}
}
return d;
};

RenewResponse.prototype.toJSON = function() {
return RenewResponse.toObject(this, $protobuf.util.toJSONOptions);
};

RenewResponse.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.RenewResponse";
};

return RenewResponse;
})();

v1.ReleaseRequest = (function() {

const ReleaseRequest = function (p) {
this.observed = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

ReleaseRequest.prototype.hold_id = "";
ReleaseRequest.prototype.observed = $util.emptyArray;

ReleaseRequest.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(10).string(m.hold_id);
if (m.observed != null && m.observed.length) {
for (var i = 0; i < m.observed.length; ++i)
$root.edgefleet.v1.SiteLatency.encode(m.observed[i], w.uint32(18).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

ReleaseRequest.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.ReleaseRequest();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 2: {
if (u !== 2)
break;
if (!(m.observed && m.observed.length))
m.observed = [];
m.observed.push($root.edgefleet.v1.SiteLatency.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

ReleaseRequest.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.ReleaseRequest)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.ReleaseRequest: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.ReleaseRequest();
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.observed) {
if (!$Array.isArray(d.observed))
throw $TypeError(".edgefleet.v1.ReleaseRequest.observed: array expected");
m.observed = $Array(d.observed.length);
for (var i = 0; i < d.observed.length; ++i) {
if (!$util.isObject(d.observed[i]))
throw $TypeError(".edgefleet.v1.ReleaseRequest.observed: object expected");
m.observed[i] = $root.edgefleet.v1.SiteLatency.fromObject(d.observed[i], q + 1);
}
}
return m;
};

ReleaseRequest.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.observed = [];
}
if (o.defaults) {
d.hold_id = "";
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.observed && m.observed.length) {
d.observed = $Array(m.observed.length);
for (var j = 0; j < m.observed.length; ++j) {
d.observed[j] = $root.edgefleet.v1.SiteLatency.toObject(m.observed[j], o, q + 1);
}
}
return d;
};

ReleaseRequest.prototype.toJSON = function() {
return ReleaseRequest.toObject(this, $protobuf.util.toJSONOptions);
};

ReleaseRequest.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.ReleaseRequest";
};

return ReleaseRequest;
})();

v1.ReleaseResponse = (function() {

const ReleaseResponse = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

ReleaseResponse.prototype.burned_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
ReleaseResponse.prototype.released_micro_tokens = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

ReleaseResponse.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.burned_micro_tokens != null && $Object.hasOwnProperty.call(m, "burned_micro_tokens") && (typeof m.burned_micro_tokens === "object" ? m.burned_micro_tokens.low || m.burned_micro_tokens.high : m.burned_micro_tokens !== 0))
w.uint32(8).uint64(m.burned_micro_tokens);
if (m.released_micro_tokens != null && $Object.hasOwnProperty.call(m, "released_micro_tokens") && (typeof m.released_micro_tokens === "object" ? m.released_micro_tokens.low || m.released_micro_tokens.high : m.released_micro_tokens !== 0))
w.uint32(16).uint64(m.released_micro_tokens);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

ReleaseResponse.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.ReleaseResponse();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.burned_micro_tokens = v;
else
delete m.burned_micro_tokens;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.released_micro_tokens = v;
else
delete m.released_micro_tokens;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

ReleaseResponse.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.ReleaseResponse)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.ReleaseResponse: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.ReleaseResponse();
if (d.burned_micro_tokens != null) {
if (typeof d.burned_micro_tokens === "object" ? d.burned_micro_tokens.low || d.burned_micro_tokens.high : $Number(d.burned_micro_tokens) !== 0) {
if ($util.Long)
m.burned_micro_tokens = $util.Long.fromValue(d.burned_micro_tokens, true);
else if (typeof d.burned_micro_tokens === "string")
m.burned_micro_tokens = $parseInt(d.burned_micro_tokens, 10);
else if (typeof d.burned_micro_tokens === "number")
m.burned_micro_tokens = d.burned_micro_tokens;
else if (typeof d.burned_micro_tokens === "object")
m.burned_micro_tokens = new $util.LongBits(d.burned_micro_tokens.low >>> 0, d.burned_micro_tokens.high >>> 0).toNumber(true);
}
}
if (d.released_micro_tokens != null) {
if (typeof d.released_micro_tokens === "object" ? d.released_micro_tokens.low || d.released_micro_tokens.high : $Number(d.released_micro_tokens) !== 0) {
if ($util.Long)
m.released_micro_tokens = $util.Long.fromValue(d.released_micro_tokens, true);
else if (typeof d.released_micro_tokens === "string")
m.released_micro_tokens = $parseInt(d.released_micro_tokens, 10);
else if (typeof d.released_micro_tokens === "number")
m.released_micro_tokens = d.released_micro_tokens;
else if (typeof d.released_micro_tokens === "object")
m.released_micro_tokens = new $util.LongBits(d.released_micro_tokens.low >>> 0, d.released_micro_tokens.high >>> 0).toNumber(true);
}
}
return m;
};

ReleaseResponse.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.burned_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.burned_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.released_micro_tokens = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.released_micro_tokens = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.burned_micro_tokens != null && $Object.hasOwnProperty.call(m, "burned_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.burned_micro_tokens = typeof m.burned_micro_tokens === "number" ? $BigInt(m.burned_micro_tokens) : $util.Long.fromBits(m.burned_micro_tokens.low >>> 0, m.burned_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.burned_micro_tokens === "number")
d.burned_micro_tokens = o.longs === $String ? $String(m.burned_micro_tokens) : m.burned_micro_tokens;
else
d.burned_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.burned_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.burned_micro_tokens.low >>> 0, m.burned_micro_tokens.high >>> 0).toNumber(true) : m.burned_micro_tokens;
}
if (m.released_micro_tokens != null && $Object.hasOwnProperty.call(m, "released_micro_tokens")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.released_micro_tokens = typeof m.released_micro_tokens === "number" ? $BigInt(m.released_micro_tokens) : $util.Long.fromBits(m.released_micro_tokens.low >>> 0, m.released_micro_tokens.high >>> 0, true).toBigInt();
else if (typeof m.released_micro_tokens === "number")
d.released_micro_tokens = o.longs === $String ? $String(m.released_micro_tokens) : m.released_micro_tokens;
else
d.released_micro_tokens = o.longs === $String ? $util.Long.prototype.toString.call(m.released_micro_tokens) : o.longs === $Number ? new $util.LongBits(m.released_micro_tokens.low >>> 0, m.released_micro_tokens.high >>> 0).toNumber(true) : m.released_micro_tokens;
}
return d;
};

ReleaseResponse.prototype.toJSON = function() {
return ReleaseResponse.toObject(this, $protobuf.util.toJSONOptions);
};

ReleaseResponse.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.ReleaseResponse";
};

return ReleaseResponse;
})();

v1.WatchRequest = (function() {

const WatchRequest = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

WatchRequest.prototype.hold_id = "";
WatchRequest.prototype.prices = false;

WatchRequest.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(10).string(m.hold_id);
if (m.prices != null && $Object.hasOwnProperty.call(m, "prices") && m.prices !== false)
w.uint32(16).bool(m.prices);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

WatchRequest.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.WatchRequest();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.bool())
m.prices = v;
else
delete m.prices;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

WatchRequest.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.WatchRequest)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.WatchRequest: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.WatchRequest();
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.prices != null) {
if (d.prices) {
m.prices = $Boolean(d.prices);
}
}
return m;
};

WatchRequest.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.hold_id = "";
d.prices = false;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.prices != null && $Object.hasOwnProperty.call(m, "prices")) {
d.prices = m.prices;
}
return d;
};

WatchRequest.prototype.toJSON = function() {
return WatchRequest.toObject(this, $protobuf.util.toJSONOptions);
};

WatchRequest.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.WatchRequest";
};

return WatchRequest;
})();

v1.LeaseEvent = (function() {

const LeaseEvent = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

LeaseEvent.prototype.kind = 0;
LeaseEvent.prototype.hold_id = "";
LeaseEvent.prototype.lease_id = "";
LeaseEvent.prototype.site_id = "";
LeaseEvent.prototype.reason = "";
LeaseEvent.prototype.replacement = null;
LeaseEvent.prototype.ts_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
LeaseEvent.prototype.deadline_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
LeaseEvent.prototype.price_minor_per_token = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
LeaseEvent.prototype.currency = "";

LeaseEvent.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== 0)
w.uint32(8).int32(m.kind);
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id") && m.hold_id !== "")
w.uint32(18).string(m.hold_id);
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id") && m.lease_id !== "")
w.uint32(26).string(m.lease_id);
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(34).string(m.site_id);
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
w.uint32(42).string(m.reason);
if (m.replacement != null && $Object.hasOwnProperty.call(m, "replacement"))
$root.edgefleet.v1.Lease.encode(m.replacement, w.uint32(50).fork(), q + 1).ldelim();
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms") && (typeof m.ts_ms === "object" ? m.ts_ms.low || m.ts_ms.high : m.ts_ms !== 0))
w.uint32(56).uint64(m.ts_ms);
if (m.deadline_ms != null && $Object.hasOwnProperty.call(m, "deadline_ms") && (typeof m.deadline_ms === "object" ? m.deadline_ms.low || m.deadline_ms.high : m.deadline_ms !== 0))
w.uint32(64).uint64(m.deadline_ms);
if (m.price_minor_per_token != null && $Object.hasOwnProperty.call(m, "price_minor_per_token") && (typeof m.price_minor_per_token === "object" ? m.price_minor_per_token.low || m.price_minor_per_token.high : m.price_minor_per_token !== 0))
w.uint32(72).uint64(m.price_minor_per_token);
if (m.currency != null && $Object.hasOwnProperty.call(m, "currency") && m.currency !== "")
w.uint32(82).string(m.currency);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

LeaseEvent.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.LeaseEvent();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (v = r.int32())
m.kind = v;
else
delete m.kind;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hold_id = v;
else
delete m.hold_id;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.lease_id = v;
else
delete m.lease_id;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.reason = v;
else
delete m.reason;
continue;
}
case 6: {
if (u !== 2)
break;
m.replacement = $root.edgefleet.v1.Lease.decode(r, r.size(), $undefined, q + 1, m.replacement);
continue;
}
case 7: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.ts_ms = v;
else
delete m.ts_ms;
continue;
}
case 8: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.deadline_ms = v;
else
delete m.deadline_ms;
continue;
}
case 9: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.price_minor_per_token = v;
else
delete m.price_minor_per_token;
continue;
}
case 10: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.currency = v;
else
delete m.currency;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

LeaseEvent.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.LeaseEvent)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.LeaseEvent: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.LeaseEvent();
if (d.kind !== 0 && (typeof d.kind !== "string" || $root.edgefleet.v1.LeaseEvent.Kind[d.kind] !== 0)) {
switch (d.kind) {
case "KIND_UNSPECIFIED":
case 0:
m.kind = 0;
break;
case "KIND_REROUTE":
case 1:
m.kind = 1;
break;
case "KIND_REVOKE":
case 2:
m.kind = 2;
break;
case "KIND_EXPIRED":
case 3:
m.kind = 3;
break;
case "KIND_PREEMPTED":
case 4:
m.kind = 4;
break;
case "KIND_PRICE":
case 5:
m.kind = 5;
break;
default:
if (typeof d.kind === "number" && (d.kind | 0) === d.kind)
m.kind = d.kind;
}
}
if (d.hold_id != null) {
if (typeof d.hold_id !== "string" || d.hold_id.length) {
m.hold_id = $String(d.hold_id);
}
}
if (d.lease_id != null) {
if (typeof d.lease_id !== "string" || d.lease_id.length) {
m.lease_id = $String(d.lease_id);
}
}
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.reason != null) {
if (typeof d.reason !== "string" || d.reason.length) {
m.reason = $String(d.reason);
}
}
if (d.replacement != null) {
if (!$util.isObject(d.replacement))
throw $TypeError(".edgefleet.v1.LeaseEvent.replacement: object expected");
m.replacement = $root.edgefleet.v1.Lease.fromObject(d.replacement, q + 1);
}
if (d.ts_ms != null) {
if (typeof d.ts_ms === "object" ? d.ts_ms.low || d.ts_ms.high : $Number(d.ts_ms) !== 0) {
if ($util.Long)
m.ts_ms = $util.Long.fromValue(d.ts_ms, true);
else if (typeof d.ts_ms === "string")
m.ts_ms = $parseInt(d.ts_ms, 10);
else if (typeof d.ts_ms === "number")
m.ts_ms = d.ts_ms;
else if (typeof d.ts_ms === "object")
m.ts_ms = new $util.LongBits(d.ts_ms.low >>> 0, d.ts_ms.high >>> 0).toNumber(true);
}
}
if (d.deadline_ms != null) {
if (typeof d.deadline_ms === "object" ? d.deadline_ms.low || d.deadline_ms.high : $Number(d.deadline_ms) !== 0) {
if ($util.Long)
m.deadline_ms = $util.Long.fromValue(d.deadline_ms, true);
else if (typeof d.deadline_ms === "string")
m.deadline_ms = $parseInt(d.deadline_ms, 10);
else if (typeof d.deadline_ms === "number")
m.deadline_ms = d.deadline_ms;
else if (typeof d.deadline_ms === "object")
m.deadline_ms = new $util.LongBits(d.deadline_ms.low >>> 0, d.deadline_ms.high >>> 0).toNumber(true);
}
}
if (d.price_minor_per_token != null) {
if (typeof d.price_minor_per_token === "object" ? d.price_minor_per_token.low || d.price_minor_per_token.high : $Number(d.price_minor_per_token) !== 0) {
if ($util.Long)
m.price_minor_per_token = $util.Long.fromValue(d.price_minor_per_token, true);
else if (typeof d.price_minor_per_token === "string")
m.price_minor_per_token = $parseInt(d.price_minor_per_token, 10);
else if (typeof d.price_minor_per_token === "number")
m.price_minor_per_token = d.price_minor_per_token;
else if (typeof d.price_minor_per_token === "object")
m.price_minor_per_token = new $util.LongBits(d.price_minor_per_token.low >>> 0, d.price_minor_per_token.high >>> 0).toNumber(true);
}
}
if (d.currency != null) {
if (typeof d.currency !== "string" || d.currency.length) {
m.currency = $String(d.currency);
}
}
return m;
};

LeaseEvent.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.kind = o.enums === $String ? "KIND_UNSPECIFIED" : 0;
d.hold_id = "";
d.lease_id = "";
d.site_id = "";
d.reason = "";
d.replacement = null;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.ts_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.ts_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.deadline_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.deadline_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.price_minor_per_token = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.price_minor_per_token = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.currency = "";
}
if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
d.kind = o.enums === $String ? $root.edgefleet.v1.LeaseEvent.Kind[m.kind] === $undefined ? m.kind : $root.edgefleet.v1.LeaseEvent.Kind[m.kind] : m.kind;
}
if (m.hold_id != null && $Object.hasOwnProperty.call(m, "hold_id")) {
d.hold_id = m.hold_id;
}
if (m.lease_id != null && $Object.hasOwnProperty.call(m, "lease_id")) {
d.lease_id = m.lease_id;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
d.reason = m.reason;
}
if (m.replacement != null && $Object.hasOwnProperty.call(m, "replacement")) {
d.replacement = $root.edgefleet.v1.Lease.toObject(m.replacement, o, q + 1);
}
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.ts_ms = typeof m.ts_ms === "number" ? $BigInt(m.ts_ms) : $util.Long.fromBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0, true).toBigInt();
else if (typeof m.ts_ms === "number")
d.ts_ms = o.longs === $String ? $String(m.ts_ms) : m.ts_ms;
else
d.ts_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.ts_ms) : o.longs === $Number ? new $util.LongBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0).toNumber(true) : m.ts_ms;
}
if (m.deadline_ms != null && $Object.hasOwnProperty.call(m, "deadline_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.deadline_ms = typeof m.deadline_ms === "number" ? $BigInt(m.deadline_ms) : $util.Long.fromBits(m.deadline_ms.low >>> 0, m.deadline_ms.high >>> 0, true).toBigInt();
else if (typeof m.deadline_ms === "number")
d.deadline_ms = o.longs === $String ? $String(m.deadline_ms) : m.deadline_ms;
else
d.deadline_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.deadline_ms) : o.longs === $Number ? new $util.LongBits(m.deadline_ms.low >>> 0, m.deadline_ms.high >>> 0).toNumber(true) : m.deadline_ms;
}
if (m.price_minor_per_token != null && $Object.hasOwnProperty.call(m, "price_minor_per_token")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.price_minor_per_token = typeof m.price_minor_per_token === "number" ? $BigInt(m.price_minor_per_token) : $util.Long.fromBits(m.price_minor_per_token.low >>> 0, m.price_minor_per_token.high >>> 0, true).toBigInt();
else if (typeof m.price_minor_per_token === "number")
d.price_minor_per_token = o.longs === $String ? $String(m.price_minor_per_token) : m.price_minor_per_token;
else
d.price_minor_per_token = o.longs === $String ? $util.Long.prototype.toString.call(m.price_minor_per_token) : o.longs === $Number ? new $util.LongBits(m.price_minor_per_token.low >>> 0, m.price_minor_per_token.high >>> 0).toNumber(true) : m.price_minor_per_token;
}
if (m.currency != null && $Object.hasOwnProperty.call(m, "currency")) {
d.currency = m.currency;
}
return d;
};

LeaseEvent.prototype.toJSON = function() {
return LeaseEvent.toObject(this, $protobuf.util.toJSONOptions);
};

LeaseEvent.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.LeaseEvent";
};

LeaseEvent.Kind = (function() {
const valuesById = $Object.create(null), values = $Object.create(valuesById);
values[valuesById[0] = "KIND_UNSPECIFIED"] = 0;
values[valuesById[1] = "KIND_REROUTE"] = 1;
values[valuesById[2] = "KIND_REVOKE"] = 2;
values[valuesById[3] = "KIND_EXPIRED"] = 3;
values[valuesById[4] = "KIND_PREEMPTED"] = 4;
values[valuesById[5] = "KIND_PRICE"] = 5;
return values;
})();

return LeaseEvent;
})();

v1.LeaseBroker = (function() {

const LeaseBroker = function(rpcImpl, requestDelimited, responseDelimited) {
$protobuf.rpc.Service.call(this, rpcImpl, requestDelimited, responseDelimited);
};

$Object.defineProperty(LeaseBroker.prototype = $Object.create($protobuf.rpc.Service.prototype), "constructor", { value: LeaseBroker, writable: true, enumerable: false, configurable: true });



$Object.defineProperties(LeaseBroker.prototype.acquire = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, LeaseBroker.prototype.acquire, $root.edgefleet.v1.AcquireRequest, $root.edgefleet.v1.AcquireResponse, request, callback);
}, {
name: { value: "Acquire" },
path: { value: "/edgefleet.v1.LeaseBroker/Acquire" },
requestType: { value: "AcquireRequest" },
responseType: { value: "AcquireResponse" },
requestStream: { value: $undefined },
responseStream: { value: $undefined }
});



$Object.defineProperties(LeaseBroker.prototype.renew = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, LeaseBroker.prototype.renew, $root.edgefleet.v1.RenewRequest, $root.edgefleet.v1.RenewResponse, request, callback);
}, {
name: { value: "Renew" },
path: { value: "/edgefleet.v1.LeaseBroker/Renew" },
requestType: { value: "RenewRequest" },
responseType: { value: "RenewResponse" },
requestStream: { value: $undefined },
responseStream: { value: $undefined }
});



$Object.defineProperties(LeaseBroker.prototype.release = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, LeaseBroker.prototype.release, $root.edgefleet.v1.ReleaseRequest, $root.edgefleet.v1.ReleaseResponse, request, callback);
}, {
name: { value: "Release" },
path: { value: "/edgefleet.v1.LeaseBroker/Release" },
requestType: { value: "ReleaseRequest" },
responseType: { value: "ReleaseResponse" },
requestStream: { value: $undefined },
responseStream: { value: $undefined }
});



$Object.defineProperties(LeaseBroker.prototype.watch = function(request, callback) {
return $protobuf.rpc.Service.prototype.rpcCall.call(this, LeaseBroker.prototype.watch, $root.edgefleet.v1.WatchRequest, $root.edgefleet.v1.LeaseEvent, request, callback);
}, {
name: { value: "Watch" },
path: { value: "/edgefleet.v1.LeaseBroker/Watch" },
requestType: { value: "WatchRequest" },
responseType: { value: "LeaseEvent" },
requestStream: { value: $undefined },
responseStream: { value: true }
});

return LeaseBroker;
})();

v1.Accelerator = (function() {

const Accelerator = function (p) {
this.mig = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Accelerator.prototype.vendor = "";
Accelerator.prototype.model = "";
Accelerator.prototype.serial = "";
Accelerator.prototype.profile_id = "";
Accelerator.prototype.memory_total_mib = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Accelerator.prototype.memory_used_mib = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Accelerator.prototype.utilization_pct = 0;
Accelerator.prototype.temperature_c = 0;
Accelerator.prototype.power_w = 0;
Accelerator.prototype.slots_total = 0;
Accelerator.prototype.slots_free = 0;
Accelerator.prototype.multiplier = 0;
Accelerator.prototype.domestic = false;
Accelerator.prototype.isolation = "";
Accelerator.prototype.index = "";
Accelerator.prototype.pci_device_id = "";
Accelerator.prototype.mig = $util.emptyArray;

Accelerator.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.vendor != null && $Object.hasOwnProperty.call(m, "vendor") && m.vendor !== "")
w.uint32(10).string(m.vendor);
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(18).string(m.model);
if (m.serial != null && $Object.hasOwnProperty.call(m, "serial") && m.serial !== "")
w.uint32(26).string(m.serial);
if (m.profile_id != null && $Object.hasOwnProperty.call(m, "profile_id") && m.profile_id !== "")
w.uint32(34).string(m.profile_id);
if (m.memory_total_mib != null && $Object.hasOwnProperty.call(m, "memory_total_mib") && (typeof m.memory_total_mib === "object" ? m.memory_total_mib.low || m.memory_total_mib.high : m.memory_total_mib !== 0))
w.uint32(40).uint64(m.memory_total_mib);
if (m.memory_used_mib != null && $Object.hasOwnProperty.call(m, "memory_used_mib") && (typeof m.memory_used_mib === "object" ? m.memory_used_mib.low || m.memory_used_mib.high : m.memory_used_mib !== 0))
w.uint32(48).uint64(m.memory_used_mib);
if (m.utilization_pct != null && $Object.hasOwnProperty.call(m, "utilization_pct") && !$Object.is(m.utilization_pct, 0))
w.uint32(57).double(m.utilization_pct);
if (m.temperature_c != null && $Object.hasOwnProperty.call(m, "temperature_c") && !$Object.is(m.temperature_c, 0))
w.uint32(65).double(m.temperature_c);
if (m.power_w != null && $Object.hasOwnProperty.call(m, "power_w") && !$Object.is(m.power_w, 0))
w.uint32(73).double(m.power_w);
if (m.slots_total != null && $Object.hasOwnProperty.call(m, "slots_total") && m.slots_total !== 0)
w.uint32(80).uint32(m.slots_total);
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free") && m.slots_free !== 0)
w.uint32(88).uint32(m.slots_free);
if (m.multiplier != null && $Object.hasOwnProperty.call(m, "multiplier") && !$Object.is(m.multiplier, 0))
w.uint32(97).double(m.multiplier);
if (m.domestic != null && $Object.hasOwnProperty.call(m, "domestic") && m.domestic !== false)
w.uint32(104).bool(m.domestic);
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation") && m.isolation !== "")
w.uint32(114).string(m.isolation);
if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== "")
w.uint32(122).string(m.index);
if (m.pci_device_id != null && $Object.hasOwnProperty.call(m, "pci_device_id") && m.pci_device_id !== "")
w.uint32(130).string(m.pci_device_id);
if (m.mig != null && m.mig.length) {
for (var i = 0; i < m.mig.length; ++i)
$root.edgefleet.v1.MigInstance.encode(m.mig[i], w.uint32(138).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Accelerator.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Accelerator();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.vendor = v;
else
delete m.vendor;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.serial = v;
else
delete m.serial;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.profile_id = v;
else
delete m.profile_id;
continue;
}
case 5: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.memory_total_mib = v;
else
delete m.memory_total_mib;
continue;
}
case 6: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.memory_used_mib = v;
else
delete m.memory_used_mib;
continue;
}
case 7: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.utilization_pct = v;
else
delete m.utilization_pct;
continue;
}
case 8: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.temperature_c = v;
else
delete m.temperature_c;
continue;
}
case 9: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.power_w = v;
else
delete m.power_w;
continue;
}
case 10: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_total = v;
else
delete m.slots_total;
continue;
}
case 11: {
if (u !== 0)
break;
if (v = r.uint32())
m.slots_free = v;
else
delete m.slots_free;
continue;
}
case 12: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.multiplier = v;
else
delete m.multiplier;
continue;
}
case 13: {
if (u !== 0)
break;
if (v = r.bool())
m.domestic = v;
else
delete m.domestic;
continue;
}
case 14: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.isolation = v;
else
delete m.isolation;
continue;
}
case 15: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.index = v;
else
delete m.index;
continue;
}
case 16: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.pci_device_id = v;
else
delete m.pci_device_id;
continue;
}
case 17: {
if (u !== 2)
break;
if (!(m.mig && m.mig.length))
m.mig = [];
m.mig.push($root.edgefleet.v1.MigInstance.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Accelerator.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Accelerator)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Accelerator: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Accelerator();
if (d.vendor != null) {
if (typeof d.vendor !== "string" || d.vendor.length) {
m.vendor = $String(d.vendor);
}
}
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.serial != null) {
if (typeof d.serial !== "string" || d.serial.length) {
m.serial = $String(d.serial);
}
}
if (d.profile_id != null) {
if (typeof d.profile_id !== "string" || d.profile_id.length) {
m.profile_id = $String(d.profile_id);
}
}
if (d.memory_total_mib != null) {
if (typeof d.memory_total_mib === "object" ? d.memory_total_mib.low || d.memory_total_mib.high : $Number(d.memory_total_mib) !== 0) {
if ($util.Long)
m.memory_total_mib = $util.Long.fromValue(d.memory_total_mib, true);
else if (typeof d.memory_total_mib === "string")
m.memory_total_mib = $parseInt(d.memory_total_mib, 10);
else if (typeof d.memory_total_mib === "number")
m.memory_total_mib = d.memory_total_mib;
else if (typeof d.memory_total_mib === "object")
m.memory_total_mib = new $util.LongBits(d.memory_total_mib.low >>> 0, d.memory_total_mib.high >>> 0).toNumber(true);
}
}
if (d.memory_used_mib != null) {
if (typeof d.memory_used_mib === "object" ? d.memory_used_mib.low || d.memory_used_mib.high : $Number(d.memory_used_mib) !== 0) {
if ($util.Long)
m.memory_used_mib = $util.Long.fromValue(d.memory_used_mib, true);
else if (typeof d.memory_used_mib === "string")
m.memory_used_mib = $parseInt(d.memory_used_mib, 10);
else if (typeof d.memory_used_mib === "number")
m.memory_used_mib = d.memory_used_mib;
else if (typeof d.memory_used_mib === "object")
m.memory_used_mib = new $util.LongBits(d.memory_used_mib.low >>> 0, d.memory_used_mib.high >>> 0).toNumber(true);
}
}
if (d.utilization_pct != null) {
if (!$Object.is($Number(d.utilization_pct), 0)) {
m.utilization_pct = $Number(d.utilization_pct);
}
}
if (d.temperature_c != null) {
if (!$Object.is($Number(d.temperature_c), 0)) {
m.temperature_c = $Number(d.temperature_c);
}
}
if (d.power_w != null) {
if (!$Object.is($Number(d.power_w), 0)) {
m.power_w = $Number(d.power_w);
}
}
if (d.slots_total != null) {
if ($Number(d.slots_total) !== 0) {
m.slots_total = d.slots_total >>> 0;
}
}
if (d.slots_free != null) {
if ($Number(d.slots_free) !== 0) {
m.slots_free = d.slots_free >>> 0;
}
}
if (d.multiplier != null) {
if (!$Object.is($Number(d.multiplier), 0)) {
m.multiplier = $Number(d.multiplier);
}
}
if (d.domestic != null) {
if (d.domestic) {
m.domestic = $Boolean(d.domestic);
}
}
if (d.isolation != null) {
if (typeof d.isolation !== "string" || d.isolation.length) {
m.isolation = $String(d.isolation);
}
}
if (d.index != null) {
if (typeof d.index !== "string" || d.index.length) {
m.index = $String(d.index);
}
}
if (d.pci_device_id != null) {
if (typeof d.pci_device_id !== "string" || d.pci_device_id.length) {
m.pci_device_id = $String(d.pci_device_id);
}
}
if (d.mig) {
if (!$Array.isArray(d.mig))
throw $TypeError(".edgefleet.v1.Accelerator.mig: array expected");
m.mig = $Array(d.mig.length);
for (var i = 0; i < d.mig.length; ++i) {
if (!$util.isObject(d.mig[i]))
throw $TypeError(".edgefleet.v1.Accelerator.mig: object expected");
m.mig[i] = $root.edgefleet.v1.MigInstance.fromObject(d.mig[i], q + 1);
}
}
return m;
};

Accelerator.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.mig = [];
}
if (o.defaults) {
d.vendor = "";
d.model = "";
d.serial = "";
d.profile_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.memory_total_mib = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.memory_total_mib = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.memory_used_mib = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.memory_used_mib = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.utilization_pct = 0;
d.temperature_c = 0;
d.power_w = 0;
d.slots_total = 0;
d.slots_free = 0;
d.multiplier = 0;
d.domestic = false;
d.isolation = "";
d.index = "";
d.pci_device_id = "";
}
if (m.vendor != null && $Object.hasOwnProperty.call(m, "vendor")) {
d.vendor = m.vendor;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.serial != null && $Object.hasOwnProperty.call(m, "serial")) {
d.serial = m.serial;
}
if (m.profile_id != null && $Object.hasOwnProperty.call(m, "profile_id")) {
d.profile_id = m.profile_id;
}
if (m.memory_total_mib != null && $Object.hasOwnProperty.call(m, "memory_total_mib")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.memory_total_mib = typeof m.memory_total_mib === "number" ? $BigInt(m.memory_total_mib) : $util.Long.fromBits(m.memory_total_mib.low >>> 0, m.memory_total_mib.high >>> 0, true).toBigInt();
else if (typeof m.memory_total_mib === "number")
d.memory_total_mib = o.longs === $String ? $String(m.memory_total_mib) : m.memory_total_mib;
else
d.memory_total_mib = o.longs === $String ? $util.Long.prototype.toString.call(m.memory_total_mib) : o.longs === $Number ? new $util.LongBits(m.memory_total_mib.low >>> 0, m.memory_total_mib.high >>> 0).toNumber(true) : m.memory_total_mib;
}
if (m.memory_used_mib != null && $Object.hasOwnProperty.call(m, "memory_used_mib")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.memory_used_mib = typeof m.memory_used_mib === "number" ? $BigInt(m.memory_used_mib) : $util.Long.fromBits(m.memory_used_mib.low >>> 0, m.memory_used_mib.high >>> 0, true).toBigInt();
else if (typeof m.memory_used_mib === "number")
d.memory_used_mib = o.longs === $String ? $String(m.memory_used_mib) : m.memory_used_mib;
else
d.memory_used_mib = o.longs === $String ? $util.Long.prototype.toString.call(m.memory_used_mib) : o.longs === $Number ? new $util.LongBits(m.memory_used_mib.low >>> 0, m.memory_used_mib.high >>> 0).toNumber(true) : m.memory_used_mib;
}
if (m.utilization_pct != null && $Object.hasOwnProperty.call(m, "utilization_pct")) {
d.utilization_pct = o.json && !$isFinite(m.utilization_pct) ? $String(m.utilization_pct) : m.utilization_pct;
}
if (m.temperature_c != null && $Object.hasOwnProperty.call(m, "temperature_c")) {
d.temperature_c = o.json && !$isFinite(m.temperature_c) ? $String(m.temperature_c) : m.temperature_c;
}
if (m.power_w != null && $Object.hasOwnProperty.call(m, "power_w")) {
d.power_w = o.json && !$isFinite(m.power_w) ? $String(m.power_w) : m.power_w;
}
if (m.slots_total != null && $Object.hasOwnProperty.call(m, "slots_total")) {
d.slots_total = m.slots_total;
}
if (m.slots_free != null && $Object.hasOwnProperty.call(m, "slots_free")) {
d.slots_free = m.slots_free;
}
if (m.multiplier != null && $Object.hasOwnProperty.call(m, "multiplier")) {
d.multiplier = o.json && !$isFinite(m.multiplier) ? $String(m.multiplier) : m.multiplier;
}
if (m.domestic != null && $Object.hasOwnProperty.call(m, "domestic")) {
d.domestic = m.domestic;
}
if (m.isolation != null && $Object.hasOwnProperty.call(m, "isolation")) {
d.isolation = m.isolation;
}
if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
d.index = m.index;
}
if (m.pci_device_id != null && $Object.hasOwnProperty.call(m, "pci_device_id")) {
d.pci_device_id = m.pci_device_id;
}
if (m.mig && m.mig.length) {
d.mig = $Array(m.mig.length);
for (var j = 0; j < m.mig.length; ++j) {
d.mig[j] = $root.edgefleet.v1.MigInstance.toObject(m.mig[j], o, q + 1);
}
}
return d;
};

Accelerator.prototype.toJSON = function() {
return Accelerator.toObject(this, $protobuf.util.toJSONOptions);
};

Accelerator.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Accelerator";
};

return Accelerator;
})();

v1.MigInstance = (function() {

const MigInstance = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

MigInstance.prototype.profile = "";
MigInstance.prototype.uuid = "";
MigInstance.prototype.gpu_instance_id = "";
MigInstance.prototype.compute_instance_id = "";

MigInstance.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.profile != null && $Object.hasOwnProperty.call(m, "profile") && m.profile !== "")
w.uint32(10).string(m.profile);
if (m.uuid != null && $Object.hasOwnProperty.call(m, "uuid") && m.uuid !== "")
w.uint32(18).string(m.uuid);
if (m.gpu_instance_id != null && $Object.hasOwnProperty.call(m, "gpu_instance_id") && m.gpu_instance_id !== "")
w.uint32(26).string(m.gpu_instance_id);
if (m.compute_instance_id != null && $Object.hasOwnProperty.call(m, "compute_instance_id") && m.compute_instance_id !== "")
w.uint32(34).string(m.compute_instance_id);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

MigInstance.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.MigInstance();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.profile = v;
else
delete m.profile;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.uuid = v;
else
delete m.uuid;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.gpu_instance_id = v;
else
delete m.gpu_instance_id;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.compute_instance_id = v;
else
delete m.compute_instance_id;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

MigInstance.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.MigInstance)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.MigInstance: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.MigInstance();
if (d.profile != null) {
if (typeof d.profile !== "string" || d.profile.length) {
m.profile = $String(d.profile);
}
}
if (d.uuid != null) {
if (typeof d.uuid !== "string" || d.uuid.length) {
m.uuid = $String(d.uuid);
}
}
if (d.gpu_instance_id != null) {
if (typeof d.gpu_instance_id !== "string" || d.gpu_instance_id.length) {
m.gpu_instance_id = $String(d.gpu_instance_id);
}
}
if (d.compute_instance_id != null) {
if (typeof d.compute_instance_id !== "string" || d.compute_instance_id.length) {
m.compute_instance_id = $String(d.compute_instance_id);
}
}
return m;
};

MigInstance.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.profile = "";
d.uuid = "";
d.gpu_instance_id = "";
d.compute_instance_id = "";
}
if (m.profile != null && $Object.hasOwnProperty.call(m, "profile")) {
d.profile = m.profile;
}
if (m.uuid != null && $Object.hasOwnProperty.call(m, "uuid")) {
d.uuid = m.uuid;
}
if (m.gpu_instance_id != null && $Object.hasOwnProperty.call(m, "gpu_instance_id")) {
d.gpu_instance_id = m.gpu_instance_id;
}
if (m.compute_instance_id != null && $Object.hasOwnProperty.call(m, "compute_instance_id")) {
d.compute_instance_id = m.compute_instance_id;
}
return d;
};

MigInstance.prototype.toJSON = function() {
return MigInstance.toObject(this, $protobuf.util.toJSONOptions);
};

MigInstance.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.MigInstance";
};

return MigInstance;
})();

v1.HostMetrics = (function() {

const HostMetrics = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

HostMetrics.prototype.cpu_pct = 0;
HostMetrics.prototype.mem_used_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
HostMetrics.prototype.mem_total_bytes = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
HostMetrics.prototype.net_rx_bytes_per_s = 0;
HostMetrics.prototype.net_tx_bytes_per_s = 0;

HostMetrics.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.cpu_pct != null && $Object.hasOwnProperty.call(m, "cpu_pct") && !$Object.is(m.cpu_pct, 0))
w.uint32(9).double(m.cpu_pct);
if (m.mem_used_bytes != null && $Object.hasOwnProperty.call(m, "mem_used_bytes") && (typeof m.mem_used_bytes === "object" ? m.mem_used_bytes.low || m.mem_used_bytes.high : m.mem_used_bytes !== 0))
w.uint32(16).uint64(m.mem_used_bytes);
if (m.mem_total_bytes != null && $Object.hasOwnProperty.call(m, "mem_total_bytes") && (typeof m.mem_total_bytes === "object" ? m.mem_total_bytes.low || m.mem_total_bytes.high : m.mem_total_bytes !== 0))
w.uint32(24).uint64(m.mem_total_bytes);
if (m.net_rx_bytes_per_s != null && $Object.hasOwnProperty.call(m, "net_rx_bytes_per_s") && !$Object.is(m.net_rx_bytes_per_s, 0))
w.uint32(33).double(m.net_rx_bytes_per_s);
if (m.net_tx_bytes_per_s != null && $Object.hasOwnProperty.call(m, "net_tx_bytes_per_s") && !$Object.is(m.net_tx_bytes_per_s, 0))
w.uint32(41).double(m.net_tx_bytes_per_s);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

HostMetrics.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.HostMetrics();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.cpu_pct = v;
else
delete m.cpu_pct;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.mem_used_bytes = v;
else
delete m.mem_used_bytes;
continue;
}
case 3: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.mem_total_bytes = v;
else
delete m.mem_total_bytes;
continue;
}
case 4: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.net_rx_bytes_per_s = v;
else
delete m.net_rx_bytes_per_s;
continue;
}
case 5: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.net_tx_bytes_per_s = v;
else
delete m.net_tx_bytes_per_s;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

HostMetrics.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.HostMetrics)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.HostMetrics: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.HostMetrics();
if (d.cpu_pct != null) {
if (!$Object.is($Number(d.cpu_pct), 0)) {
m.cpu_pct = $Number(d.cpu_pct);
}
}
if (d.mem_used_bytes != null) {
if (typeof d.mem_used_bytes === "object" ? d.mem_used_bytes.low || d.mem_used_bytes.high : $Number(d.mem_used_bytes) !== 0) {
if ($util.Long)
m.mem_used_bytes = $util.Long.fromValue(d.mem_used_bytes, true);
else if (typeof d.mem_used_bytes === "string")
m.mem_used_bytes = $parseInt(d.mem_used_bytes, 10);
else if (typeof d.mem_used_bytes === "number")
m.mem_used_bytes = d.mem_used_bytes;
else if (typeof d.mem_used_bytes === "object")
m.mem_used_bytes = new $util.LongBits(d.mem_used_bytes.low >>> 0, d.mem_used_bytes.high >>> 0).toNumber(true);
}
}
if (d.mem_total_bytes != null) {
if (typeof d.mem_total_bytes === "object" ? d.mem_total_bytes.low || d.mem_total_bytes.high : $Number(d.mem_total_bytes) !== 0) {
if ($util.Long)
m.mem_total_bytes = $util.Long.fromValue(d.mem_total_bytes, true);
else if (typeof d.mem_total_bytes === "string")
m.mem_total_bytes = $parseInt(d.mem_total_bytes, 10);
else if (typeof d.mem_total_bytes === "number")
m.mem_total_bytes = d.mem_total_bytes;
else if (typeof d.mem_total_bytes === "object")
m.mem_total_bytes = new $util.LongBits(d.mem_total_bytes.low >>> 0, d.mem_total_bytes.high >>> 0).toNumber(true);
}
}
if (d.net_rx_bytes_per_s != null) {
if (!$Object.is($Number(d.net_rx_bytes_per_s), 0)) {
m.net_rx_bytes_per_s = $Number(d.net_rx_bytes_per_s);
}
}
if (d.net_tx_bytes_per_s != null) {
if (!$Object.is($Number(d.net_tx_bytes_per_s), 0)) {
m.net_tx_bytes_per_s = $Number(d.net_tx_bytes_per_s);
}
}
return m;
};

HostMetrics.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.cpu_pct = 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.mem_used_bytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.mem_used_bytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.mem_total_bytes = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.mem_total_bytes = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.net_rx_bytes_per_s = 0;
d.net_tx_bytes_per_s = 0;
}
if (m.cpu_pct != null && $Object.hasOwnProperty.call(m, "cpu_pct")) {
d.cpu_pct = o.json && !$isFinite(m.cpu_pct) ? $String(m.cpu_pct) : m.cpu_pct;
}
if (m.mem_used_bytes != null && $Object.hasOwnProperty.call(m, "mem_used_bytes")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.mem_used_bytes = typeof m.mem_used_bytes === "number" ? $BigInt(m.mem_used_bytes) : $util.Long.fromBits(m.mem_used_bytes.low >>> 0, m.mem_used_bytes.high >>> 0, true).toBigInt();
else if (typeof m.mem_used_bytes === "number")
d.mem_used_bytes = o.longs === $String ? $String(m.mem_used_bytes) : m.mem_used_bytes;
else
d.mem_used_bytes = o.longs === $String ? $util.Long.prototype.toString.call(m.mem_used_bytes) : o.longs === $Number ? new $util.LongBits(m.mem_used_bytes.low >>> 0, m.mem_used_bytes.high >>> 0).toNumber(true) : m.mem_used_bytes;
}
if (m.mem_total_bytes != null && $Object.hasOwnProperty.call(m, "mem_total_bytes")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.mem_total_bytes = typeof m.mem_total_bytes === "number" ? $BigInt(m.mem_total_bytes) : $util.Long.fromBits(m.mem_total_bytes.low >>> 0, m.mem_total_bytes.high >>> 0, true).toBigInt();
else if (typeof m.mem_total_bytes === "number")
d.mem_total_bytes = o.longs === $String ? $String(m.mem_total_bytes) : m.mem_total_bytes;
else
d.mem_total_bytes = o.longs === $String ? $util.Long.prototype.toString.call(m.mem_total_bytes) : o.longs === $Number ? new $util.LongBits(m.mem_total_bytes.low >>> 0, m.mem_total_bytes.high >>> 0).toNumber(true) : m.mem_total_bytes;
}
if (m.net_rx_bytes_per_s != null && $Object.hasOwnProperty.call(m, "net_rx_bytes_per_s")) {
d.net_rx_bytes_per_s = o.json && !$isFinite(m.net_rx_bytes_per_s) ? $String(m.net_rx_bytes_per_s) : m.net_rx_bytes_per_s;
}
if (m.net_tx_bytes_per_s != null && $Object.hasOwnProperty.call(m, "net_tx_bytes_per_s")) {
d.net_tx_bytes_per_s = o.json && !$isFinite(m.net_tx_bytes_per_s) ? $String(m.net_tx_bytes_per_s) : m.net_tx_bytes_per_s;
}
return d;
};

HostMetrics.prototype.toJSON = function() {
return HostMetrics.toObject(this, $protobuf.util.toJSONOptions);
};

HostMetrics.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.HostMetrics";
};

return HostMetrics;
})();

v1.PopRtt = (function() {

const PopRtt = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

PopRtt.prototype.pop_id = "";
PopRtt.prototype.rtt_ms = 0;

PopRtt.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.pop_id != null && $Object.hasOwnProperty.call(m, "pop_id") && m.pop_id !== "")
w.uint32(10).string(m.pop_id);
if (m.rtt_ms != null && $Object.hasOwnProperty.call(m, "rtt_ms") && !$Object.is(m.rtt_ms, 0))
w.uint32(17).double(m.rtt_ms);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

PopRtt.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.PopRtt();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.pop_id = v;
else
delete m.pop_id;
continue;
}
case 2: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.rtt_ms = v;
else
delete m.rtt_ms;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

PopRtt.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.PopRtt)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.PopRtt: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.PopRtt();
if (d.pop_id != null) {
if (typeof d.pop_id !== "string" || d.pop_id.length) {
m.pop_id = $String(d.pop_id);
}
}
if (d.rtt_ms != null) {
if (!$Object.is($Number(d.rtt_ms), 0)) {
m.rtt_ms = $Number(d.rtt_ms);
}
}
return m;
};

PopRtt.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.pop_id = "";
d.rtt_ms = 0;
}
if (m.pop_id != null && $Object.hasOwnProperty.call(m, "pop_id")) {
d.pop_id = m.pop_id;
}
if (m.rtt_ms != null && $Object.hasOwnProperty.call(m, "rtt_ms")) {
d.rtt_ms = o.json && !$isFinite(m.rtt_ms) ? $String(m.rtt_ms) : m.rtt_ms;
}
return d;
};

PopRtt.prototype.toJSON = function() {
return PopRtt.toObject(this, $protobuf.util.toJSONOptions);
};

PopRtt.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.PopRtt";
};

return PopRtt;
})();

v1.HookError = (function() {

const HookError = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

HookError.prototype.hook = "";
HookError.prototype.code = "";
HookError.prototype.message = "";

HookError.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.hook != null && $Object.hasOwnProperty.call(m, "hook") && m.hook !== "")
w.uint32(10).string(m.hook);
if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
w.uint32(18).string(m.code);
if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
w.uint32(26).string(m.message);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

HookError.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.HookError();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.hook = v;
else
delete m.hook;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.code = v;
else
delete m.code;
continue;
}
case 3: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.message = v;
else
delete m.message;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

HookError.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.HookError)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.HookError: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.HookError();
if (d.hook != null) {
if (typeof d.hook !== "string" || d.hook.length) {
m.hook = $String(d.hook);
}
}
if (d.code != null) {
if (typeof d.code !== "string" || d.code.length) {
m.code = $String(d.code);
}
}
if (d.message != null) {
if (typeof d.message !== "string" || d.message.length) {
m.message = $String(d.message);
}
}
return m;
};

HookError.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.hook = "";
d.code = "";
d.message = "";
}
if (m.hook != null && $Object.hasOwnProperty.call(m, "hook")) {
d.hook = m.hook;
}
if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
d.code = m.code;
}
if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
d.message = m.message;
}
return d;
};

HookError.prototype.toJSON = function() {
return HookError.toObject(this, $protobuf.util.toJSONOptions);
};

HookError.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.HookError";
};

return HookError;
})();

v1.Telemetry = (function() {

const Telemetry = function (p) {
this.accelerators = [];
this.rtt = [];
this.models = [];
this.hook_errors = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Telemetry.prototype.site_id = "";
Telemetry.prototype.ts_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Telemetry.prototype.accelerators = $util.emptyArray;
Telemetry.prototype.host = null;
Telemetry.prototype.site_power_w = 0;
Telemetry.prototype.rtt = $util.emptyArray;
Telemetry.prototype.models = $util.emptyArray;
Telemetry.prototype.active_leases = 0;
Telemetry.prototype.outbox_depth = 0;
Telemetry.prototype.hook_errors = $util.emptyArray;
Telemetry.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
Telemetry.prototype.compute = null;

Telemetry.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms") && (typeof m.ts_ms === "object" ? m.ts_ms.low || m.ts_ms.high : m.ts_ms !== 0))
w.uint32(16).uint64(m.ts_ms);
if (m.accelerators != null && m.accelerators.length) {
for (var i = 0; i < m.accelerators.length; ++i)
$root.edgefleet.v1.Accelerator.encode(m.accelerators[i], w.uint32(26).fork(), q + 1).ldelim();
}
if (m.host != null && $Object.hasOwnProperty.call(m, "host"))
$root.edgefleet.v1.HostMetrics.encode(m.host, w.uint32(34).fork(), q + 1).ldelim();
if (m.site_power_w != null && $Object.hasOwnProperty.call(m, "site_power_w") && !$Object.is(m.site_power_w, 0))
w.uint32(41).double(m.site_power_w);
if (m.rtt != null && m.rtt.length) {
for (var i = 0; i < m.rtt.length; ++i)
$root.edgefleet.v1.PopRtt.encode(m.rtt[i], w.uint32(50).fork(), q + 1).ldelim();
}
if (m.models != null && m.models.length) {
for (var i = 0; i < m.models.length; ++i)
w.uint32(58).string(m.models[i]);
}
if (m.active_leases != null && $Object.hasOwnProperty.call(m, "active_leases") && m.active_leases !== 0)
w.uint32(64).uint32(m.active_leases);
if (m.outbox_depth != null && $Object.hasOwnProperty.call(m, "outbox_depth") && m.outbox_depth !== 0)
w.uint32(72).uint32(m.outbox_depth);
if (m.hook_errors != null && m.hook_errors.length) {
for (var i = 0; i < m.hook_errors.length; ++i)
$root.edgefleet.v1.HookError.encode(m.hook_errors[i], w.uint32(82).fork(), q + 1).ldelim();
}
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
w.uint32(88).uint64(m.seq);
if (m.compute != null && $Object.hasOwnProperty.call(m, "compute"))
$root.edgefleet.v1.InferenceCompute.encode(m.compute, w.uint32(98).fork(), q + 1).ldelim();
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Telemetry.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Telemetry();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.ts_ms = v;
else
delete m.ts_ms;
continue;
}
case 3: {
if (u !== 2)
break;
if (!(m.accelerators && m.accelerators.length))
m.accelerators = [];
m.accelerators.push($root.edgefleet.v1.Accelerator.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 4: {
if (u !== 2)
break;
m.host = $root.edgefleet.v1.HostMetrics.decode(r, r.size(), $undefined, q + 1, m.host);
continue;
}
case 5: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.site_power_w = v;
else
delete m.site_power_w;
continue;
}
case 6: {
if (u !== 2)
break;
if (!(m.rtt && m.rtt.length))
m.rtt = [];
m.rtt.push($root.edgefleet.v1.PopRtt.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 7: {
if (u !== 2)
break;
if (!(m.models && m.models.length))
m.models = [];
m.models.push(r.stringVerify());
continue;
}
case 8: {
if (u !== 0)
break;
if (v = r.uint32())
m.active_leases = v;
else
delete m.active_leases;
continue;
}
case 9: {
if (u !== 0)
break;
if (v = r.uint32())
m.outbox_depth = v;
else
delete m.outbox_depth;
continue;
}
case 10: {
if (u !== 2)
break;
if (!(m.hook_errors && m.hook_errors.length))
m.hook_errors = [];
m.hook_errors.push($root.edgefleet.v1.HookError.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 11: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.seq = v;
else
delete m.seq;
continue;
}
case 12: {
if (u !== 2)
break;
m.compute = $root.edgefleet.v1.InferenceCompute.decode(r, r.size(), $undefined, q + 1, m.compute);
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Telemetry.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Telemetry)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Telemetry: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Telemetry();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.ts_ms != null) {
if (typeof d.ts_ms === "object" ? d.ts_ms.low || d.ts_ms.high : $Number(d.ts_ms) !== 0) {
if ($util.Long)
m.ts_ms = $util.Long.fromValue(d.ts_ms, true);
else if (typeof d.ts_ms === "string")
m.ts_ms = $parseInt(d.ts_ms, 10);
else if (typeof d.ts_ms === "number")
m.ts_ms = d.ts_ms;
else if (typeof d.ts_ms === "object")
m.ts_ms = new $util.LongBits(d.ts_ms.low >>> 0, d.ts_ms.high >>> 0).toNumber(true);
}
}
if (d.accelerators) {
if (!$Array.isArray(d.accelerators))
throw $TypeError(".edgefleet.v1.Telemetry.accelerators: array expected");
m.accelerators = $Array(d.accelerators.length);
for (var i = 0; i < d.accelerators.length; ++i) {
if (!$util.isObject(d.accelerators[i]))
throw $TypeError(".edgefleet.v1.Telemetry.accelerators: object expected");
m.accelerators[i] = $root.edgefleet.v1.Accelerator.fromObject(d.accelerators[i], q + 1);
}
}
if (d.host != null) {
if (!$util.isObject(d.host))
throw $TypeError(".edgefleet.v1.Telemetry.host: object expected");
m.host = $root.edgefleet.v1.HostMetrics.fromObject(d.host, q + 1);
}
if (d.site_power_w != null) {
if (!$Object.is($Number(d.site_power_w), 0)) {
m.site_power_w = $Number(d.site_power_w);
}
}
if (d.rtt) {
if (!$Array.isArray(d.rtt))
throw $TypeError(".edgefleet.v1.Telemetry.rtt: array expected");
m.rtt = $Array(d.rtt.length);
for (var i = 0; i < d.rtt.length; ++i) {
if (!$util.isObject(d.rtt[i]))
throw $TypeError(".edgefleet.v1.Telemetry.rtt: object expected");
m.rtt[i] = $root.edgefleet.v1.PopRtt.fromObject(d.rtt[i], q + 1);
}
}
if (d.models) {
if (!$Array.isArray(d.models))
throw $TypeError(".edgefleet.v1.Telemetry.models: array expected");
m.models = $Array(d.models.length);
for (var i = 0; i < d.models.length; ++i) {
m.models[i] = $String(d.models[i]);
}
}
if (d.active_leases != null) {
if ($Number(d.active_leases) !== 0) {
m.active_leases = d.active_leases >>> 0;
}
}
if (d.outbox_depth != null) {
if ($Number(d.outbox_depth) !== 0) {
m.outbox_depth = d.outbox_depth >>> 0;
}
}
if (d.hook_errors) {
if (!$Array.isArray(d.hook_errors))
throw $TypeError(".edgefleet.v1.Telemetry.hook_errors: array expected");
m.hook_errors = $Array(d.hook_errors.length);
for (var i = 0; i < d.hook_errors.length; ++i) {
if (!$util.isObject(d.hook_errors[i]))
throw $TypeError(".edgefleet.v1.Telemetry.hook_errors: object expected");
m.hook_errors[i] = $root.edgefleet.v1.HookError.fromObject(d.hook_errors[i], q + 1);
}
}
if (d.seq != null) {
if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
if ($util.Long)
m.seq = $util.Long.fromValue(d.seq, true);
else if (typeof d.seq === "string")
m.seq = $parseInt(d.seq, 10);
else if (typeof d.seq === "number")
m.seq = d.seq;
else if (typeof d.seq === "object")
m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
}
}
if (d.compute != null) {
if (!$util.isObject(d.compute))
throw $TypeError(".edgefleet.v1.Telemetry.compute: object expected");
m.compute = $root.edgefleet.v1.InferenceCompute.fromObject(d.compute, q + 1);
}
return m;
};

Telemetry.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.accelerators = [];
d.rtt = [];
d.models = [];
d.hook_errors = [];
}
if (o.defaults) {
d.site_id = "";
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.ts_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.ts_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.host = null;
d.site_power_w = 0;
d.active_leases = 0;
d.outbox_depth = 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.compute = null;
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.ts_ms = typeof m.ts_ms === "number" ? $BigInt(m.ts_ms) : $util.Long.fromBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0, true).toBigInt();
else if (typeof m.ts_ms === "number")
d.ts_ms = o.longs === $String ? $String(m.ts_ms) : m.ts_ms;
else
d.ts_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.ts_ms) : o.longs === $Number ? new $util.LongBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0).toNumber(true) : m.ts_ms;
}
if (m.accelerators && m.accelerators.length) {
d.accelerators = $Array(m.accelerators.length);
for (var j = 0; j < m.accelerators.length; ++j) {
d.accelerators[j] = $root.edgefleet.v1.Accelerator.toObject(m.accelerators[j], o, q + 1);
}
}
if (m.host != null && $Object.hasOwnProperty.call(m, "host")) {
d.host = $root.edgefleet.v1.HostMetrics.toObject(m.host, o, q + 1);
}
if (m.site_power_w != null && $Object.hasOwnProperty.call(m, "site_power_w")) {
d.site_power_w = o.json && !$isFinite(m.site_power_w) ? $String(m.site_power_w) : m.site_power_w;
}
if (m.rtt && m.rtt.length) {
d.rtt = $Array(m.rtt.length);
for (var j = 0; j < m.rtt.length; ++j) {
d.rtt[j] = $root.edgefleet.v1.PopRtt.toObject(m.rtt[j], o, q + 1);
}
}
if (m.models && m.models.length) {
d.models = $Array(m.models.length);
for (var j = 0; j < m.models.length; ++j) {
d.models[j] = m.models[j];
}
}
if (m.active_leases != null && $Object.hasOwnProperty.call(m, "active_leases")) {
d.active_leases = m.active_leases;
}
if (m.outbox_depth != null && $Object.hasOwnProperty.call(m, "outbox_depth")) {
d.outbox_depth = m.outbox_depth;
}
if (m.hook_errors && m.hook_errors.length) {
d.hook_errors = $Array(m.hook_errors.length);
for (var j = 0; j < m.hook_errors.length; ++j) {
d.hook_errors[j] = $root.edgefleet.v1.HookError.toObject(m.hook_errors[j], o, q + 1);
}
}
if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
else if (typeof m.seq === "number")
d.seq = o.longs === $String ? $String(m.seq) : m.seq;
else
d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
}
if (m.compute != null && $Object.hasOwnProperty.call(m, "compute")) {
d.compute = $root.edgefleet.v1.InferenceCompute.toObject(m.compute, o, q + 1);
}
return d;
};

Telemetry.prototype.toJSON = function() {
return Telemetry.toObject(this, $protobuf.util.toJSONOptions);
};

Telemetry.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Telemetry";
};

return Telemetry;
})();

v1.ModelCompute = (function() {

const ModelCompute = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

ModelCompute.prototype.model = "";
ModelCompute.prototype.requests = 0;
ModelCompute.prototype.p50_ms = 0;
ModelCompute.prototype.p95_ms = 0;
ModelCompute.prototype.max_ms = 0;

ModelCompute.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
w.uint32(10).string(m.model);
if (m.requests != null && $Object.hasOwnProperty.call(m, "requests") && m.requests !== 0)
w.uint32(16).uint32(m.requests);
if (m.p50_ms != null && $Object.hasOwnProperty.call(m, "p50_ms") && !$Object.is(m.p50_ms, 0))
w.uint32(25).double(m.p50_ms);
if (m.p95_ms != null && $Object.hasOwnProperty.call(m, "p95_ms") && !$Object.is(m.p95_ms, 0))
w.uint32(33).double(m.p95_ms);
if (m.max_ms != null && $Object.hasOwnProperty.call(m, "max_ms") && !$Object.is(m.max_ms, 0))
w.uint32(41).double(m.max_ms);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

ModelCompute.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.ModelCompute();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.model = v;
else
delete m.model;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.uint32())
m.requests = v;
else
delete m.requests;
continue;
}
case 3: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.p50_ms = v;
else
delete m.p50_ms;
continue;
}
case 4: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.p95_ms = v;
else
delete m.p95_ms;
continue;
}
case 5: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.max_ms = v;
else
delete m.max_ms;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

ModelCompute.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.ModelCompute)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.ModelCompute: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.ModelCompute();
if (d.model != null) {
if (typeof d.model !== "string" || d.model.length) {
m.model = $String(d.model);
}
}
if (d.requests != null) {
if ($Number(d.requests) !== 0) {
m.requests = d.requests >>> 0;
}
}
if (d.p50_ms != null) {
if (!$Object.is($Number(d.p50_ms), 0)) {
m.p50_ms = $Number(d.p50_ms);
}
}
if (d.p95_ms != null) {
if (!$Object.is($Number(d.p95_ms), 0)) {
m.p95_ms = $Number(d.p95_ms);
}
}
if (d.max_ms != null) {
if (!$Object.is($Number(d.max_ms), 0)) {
m.max_ms = $Number(d.max_ms);
}
}
return m;
};

ModelCompute.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.model = "";
d.requests = 0;
d.p50_ms = 0;
d.p95_ms = 0;
d.max_ms = 0;
}
if (m.model != null && $Object.hasOwnProperty.call(m, "model")) {
d.model = m.model;
}
if (m.requests != null && $Object.hasOwnProperty.call(m, "requests")) {
d.requests = m.requests;
}
if (m.p50_ms != null && $Object.hasOwnProperty.call(m, "p50_ms")) {
d.p50_ms = o.json && !$isFinite(m.p50_ms) ? $String(m.p50_ms) : m.p50_ms;
}
if (m.p95_ms != null && $Object.hasOwnProperty.call(m, "p95_ms")) {
d.p95_ms = o.json && !$isFinite(m.p95_ms) ? $String(m.p95_ms) : m.p95_ms;
}
if (m.max_ms != null && $Object.hasOwnProperty.call(m, "max_ms")) {
d.max_ms = o.json && !$isFinite(m.max_ms) ? $String(m.max_ms) : m.max_ms;
}
return d;
};

ModelCompute.prototype.toJSON = function() {
return ModelCompute.toObject(this, $protobuf.util.toJSONOptions);
};

ModelCompute.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.ModelCompute";
};

return ModelCompute;
})();

v1.InferenceCompute = (function() {

const InferenceCompute = function (p) {
this.models = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

InferenceCompute.prototype.backend = "";
InferenceCompute.prototype.execution_provider = "";
InferenceCompute.prototype.interval_ms = 0;
InferenceCompute.prototype.models = $util.emptyArray;

InferenceCompute.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.backend != null && $Object.hasOwnProperty.call(m, "backend") && m.backend !== "")
w.uint32(10).string(m.backend);
if (m.execution_provider != null && $Object.hasOwnProperty.call(m, "execution_provider") && m.execution_provider !== "")
w.uint32(18).string(m.execution_provider);
if (m.interval_ms != null && $Object.hasOwnProperty.call(m, "interval_ms") && m.interval_ms !== 0)
w.uint32(24).uint32(m.interval_ms);
if (m.models != null && m.models.length) {
for (var i = 0; i < m.models.length; ++i)
$root.edgefleet.v1.ModelCompute.encode(m.models[i], w.uint32(34).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

InferenceCompute.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.InferenceCompute();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.backend = v;
else
delete m.backend;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.execution_provider = v;
else
delete m.execution_provider;
continue;
}
case 3: {
if (u !== 0)
break;
if (v = r.uint32())
m.interval_ms = v;
else
delete m.interval_ms;
continue;
}
case 4: {
if (u !== 2)
break;
if (!(m.models && m.models.length))
m.models = [];
m.models.push($root.edgefleet.v1.ModelCompute.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

InferenceCompute.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.InferenceCompute)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.InferenceCompute: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.InferenceCompute();
if (d.backend != null) {
if (typeof d.backend !== "string" || d.backend.length) {
m.backend = $String(d.backend);
}
}
if (d.execution_provider != null) {
if (typeof d.execution_provider !== "string" || d.execution_provider.length) {
m.execution_provider = $String(d.execution_provider);
}
}
if (d.interval_ms != null) {
if ($Number(d.interval_ms) !== 0) {
m.interval_ms = d.interval_ms >>> 0;
}
}
if (d.models) {
if (!$Array.isArray(d.models))
throw $TypeError(".edgefleet.v1.InferenceCompute.models: array expected");
m.models = $Array(d.models.length);
for (var i = 0; i < d.models.length; ++i) {
if (!$util.isObject(d.models[i]))
throw $TypeError(".edgefleet.v1.InferenceCompute.models: object expected");
m.models[i] = $root.edgefleet.v1.ModelCompute.fromObject(d.models[i], q + 1);
}
}
return m;
};

InferenceCompute.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.models = [];
}
if (o.defaults) {
d.backend = "";
d.execution_provider = "";
d.interval_ms = 0;
}
if (m.backend != null && $Object.hasOwnProperty.call(m, "backend")) {
d.backend = m.backend;
}
if (m.execution_provider != null && $Object.hasOwnProperty.call(m, "execution_provider")) {
d.execution_provider = m.execution_provider;
}
if (m.interval_ms != null && $Object.hasOwnProperty.call(m, "interval_ms")) {
d.interval_ms = m.interval_ms;
}
if (m.models && m.models.length) {
d.models = $Array(m.models.length);
for (var j = 0; j < m.models.length; ++j) {
d.models[j] = $root.edgefleet.v1.ModelCompute.toObject(m.models[j], o, q + 1);
}
}
return d;
};

InferenceCompute.prototype.toJSON = function() {
return InferenceCompute.toObject(this, $protobuf.util.toJSONOptions);
};

InferenceCompute.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.InferenceCompute";
};

return InferenceCompute;
})();

v1.SiteState = (function() {
const valuesById = $Object.create(null), values = $Object.create(valuesById);
values[valuesById[0] = "SITE_STATE_UNSPECIFIED"] = 0;
values[valuesById[1] = "SITE_STATE_ONLINE"] = 1;
values[valuesById[2] = "SITE_STATE_DRAINING"] = 2;
values[valuesById[3] = "SITE_STATE_OFFLINE"] = 3;
return values;
})();

v1.SiteStatus = (function() {

const SiteStatus = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

SiteStatus.prototype.site_id = "";
SiteStatus.prototype.state = 0;
SiteStatus.prototype.ts_ms = $util.Long ? $util.Long.fromBits(0,0,true) : 0;
SiteStatus.prototype.agent_version = "";
SiteStatus.prototype.inference_endpoint = "";
SiteStatus.prototype.lat = 0;
SiteStatus.prototype.lon = 0;
SiteStatus.prototype.region = "";
SiteStatus.prototype.reason = "";

SiteStatus.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id") && m.site_id !== "")
w.uint32(10).string(m.site_id);
if (m.state != null && $Object.hasOwnProperty.call(m, "state") && m.state !== 0)
w.uint32(16).int32(m.state);
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms") && (typeof m.ts_ms === "object" ? m.ts_ms.low || m.ts_ms.high : m.ts_ms !== 0))
w.uint32(24).uint64(m.ts_ms);
if (m.agent_version != null && $Object.hasOwnProperty.call(m, "agent_version") && m.agent_version !== "")
w.uint32(34).string(m.agent_version);
if (m.inference_endpoint != null && $Object.hasOwnProperty.call(m, "inference_endpoint") && m.inference_endpoint !== "")
w.uint32(42).string(m.inference_endpoint);
if (m.lat != null && $Object.hasOwnProperty.call(m, "lat") && !$Object.is(m.lat, 0))
w.uint32(49).double(m.lat);
if (m.lon != null && $Object.hasOwnProperty.call(m, "lon") && !$Object.is(m.lon, 0))
w.uint32(57).double(m.lon);
if (m.region != null && $Object.hasOwnProperty.call(m, "region") && m.region !== "")
w.uint32(66).string(m.region);
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== "")
w.uint32(74).string(m.reason);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

SiteStatus.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.SiteStatus();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.site_id = v;
else
delete m.site_id;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.int32())
m.state = v;
else
delete m.state;
continue;
}
case 3: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.ts_ms = v;
else
delete m.ts_ms;
continue;
}
case 4: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.agent_version = v;
else
delete m.agent_version;
continue;
}
case 5: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.inference_endpoint = v;
else
delete m.inference_endpoint;
continue;
}
case 6: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.lat = v;
else
delete m.lat;
continue;
}
case 7: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.lon = v;
else
delete m.lon;
continue;
}
case 8: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.region = v;
else
delete m.region;
continue;
}
case 9: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.reason = v;
else
delete m.reason;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

SiteStatus.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.SiteStatus)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.SiteStatus: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.SiteStatus();
if (d.site_id != null) {
if (typeof d.site_id !== "string" || d.site_id.length) {
m.site_id = $String(d.site_id);
}
}
if (d.state !== 0 && (typeof d.state !== "string" || $root.edgefleet.v1.SiteState[d.state] !== 0)) {
switch (d.state) {
case "SITE_STATE_UNSPECIFIED":
case 0:
m.state = 0;
break;
case "SITE_STATE_ONLINE":
case 1:
m.state = 1;
break;
case "SITE_STATE_DRAINING":
case 2:
m.state = 2;
break;
case "SITE_STATE_OFFLINE":
case 3:
m.state = 3;
break;
default:
if (typeof d.state === "number" && (d.state | 0) === d.state)
m.state = d.state;
}
}
if (d.ts_ms != null) {
if (typeof d.ts_ms === "object" ? d.ts_ms.low || d.ts_ms.high : $Number(d.ts_ms) !== 0) {
if ($util.Long)
m.ts_ms = $util.Long.fromValue(d.ts_ms, true);
else if (typeof d.ts_ms === "string")
m.ts_ms = $parseInt(d.ts_ms, 10);
else if (typeof d.ts_ms === "number")
m.ts_ms = d.ts_ms;
else if (typeof d.ts_ms === "object")
m.ts_ms = new $util.LongBits(d.ts_ms.low >>> 0, d.ts_ms.high >>> 0).toNumber(true);
}
}
if (d.agent_version != null) {
if (typeof d.agent_version !== "string" || d.agent_version.length) {
m.agent_version = $String(d.agent_version);
}
}
if (d.inference_endpoint != null) {
if (typeof d.inference_endpoint !== "string" || d.inference_endpoint.length) {
m.inference_endpoint = $String(d.inference_endpoint);
}
}
if (d.lat != null) {
if (!$Object.is($Number(d.lat), 0)) {
m.lat = $Number(d.lat);
}
}
if (d.lon != null) {
if (!$Object.is($Number(d.lon), 0)) {
m.lon = $Number(d.lon);
}
}
if (d.region != null) {
if (typeof d.region !== "string" || d.region.length) {
m.region = $String(d.region);
}
}
if (d.reason != null) {
if (typeof d.reason !== "string" || d.reason.length) {
m.reason = $String(d.reason);
}
}
return m;
};

SiteStatus.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.site_id = "";
d.state = o.enums === $String ? "SITE_STATE_UNSPECIFIED" : 0;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.ts_ms = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.ts_ms = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
d.agent_version = "";
d.inference_endpoint = "";
d.lat = 0;
d.lon = 0;
d.region = "";
d.reason = "";
}
if (m.site_id != null && $Object.hasOwnProperty.call(m, "site_id")) {
d.site_id = m.site_id;
}
if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
d.state = o.enums === $String ? $root.edgefleet.v1.SiteState[m.state] === $undefined ? m.state : $root.edgefleet.v1.SiteState[m.state] : m.state;
}
if (m.ts_ms != null && $Object.hasOwnProperty.call(m, "ts_ms")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.ts_ms = typeof m.ts_ms === "number" ? $BigInt(m.ts_ms) : $util.Long.fromBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0, true).toBigInt();
else if (typeof m.ts_ms === "number")
d.ts_ms = o.longs === $String ? $String(m.ts_ms) : m.ts_ms;
else
d.ts_ms = o.longs === $String ? $util.Long.prototype.toString.call(m.ts_ms) : o.longs === $Number ? new $util.LongBits(m.ts_ms.low >>> 0, m.ts_ms.high >>> 0).toNumber(true) : m.ts_ms;
}
if (m.agent_version != null && $Object.hasOwnProperty.call(m, "agent_version")) {
d.agent_version = m.agent_version;
}
if (m.inference_endpoint != null && $Object.hasOwnProperty.call(m, "inference_endpoint")) {
d.inference_endpoint = m.inference_endpoint;
}
if (m.lat != null && $Object.hasOwnProperty.call(m, "lat")) {
d.lat = o.json && !$isFinite(m.lat) ? $String(m.lat) : m.lat;
}
if (m.lon != null && $Object.hasOwnProperty.call(m, "lon")) {
d.lon = o.json && !$isFinite(m.lon) ? $String(m.lon) : m.lon;
}
if (m.region != null && $Object.hasOwnProperty.call(m, "region")) {
d.region = m.region;
}
if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
d.reason = m.reason;
}
return d;
};

SiteStatus.prototype.toJSON = function() {
return SiteStatus.toObject(this, $protobuf.util.toJSONOptions);
};

SiteStatus.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.SiteStatus";
};

return SiteStatus;
})();

v1.SiteConfig = (function() {

const SiteConfig = function (p) {
this.signing_keys = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

SiteConfig.prototype.telemetry_interval_ms = 0;
SiteConfig.prototype.burn_flush_interval_ms = 0;
SiteConfig.prototype.drain = false;
SiteConfig.prototype.signing_keys = $util.emptyArray;
SiteConfig.prototype.tariff = null;
SiteConfig.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

SiteConfig.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.telemetry_interval_ms != null && $Object.hasOwnProperty.call(m, "telemetry_interval_ms") && m.telemetry_interval_ms !== 0)
w.uint32(8).uint32(m.telemetry_interval_ms);
if (m.burn_flush_interval_ms != null && $Object.hasOwnProperty.call(m, "burn_flush_interval_ms") && m.burn_flush_interval_ms !== 0)
w.uint32(16).uint32(m.burn_flush_interval_ms);
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain") && m.drain !== false)
w.uint32(24).bool(m.drain);
if (m.signing_keys != null && m.signing_keys.length) {
for (var i = 0; i < m.signing_keys.length; ++i)
$root.edgefleet.v1.SigningKey.encode(m.signing_keys[i], w.uint32(34).fork(), q + 1).ldelim();
}
if (m.tariff != null && $Object.hasOwnProperty.call(m, "tariff"))
$root.edgefleet.v1.Tariff.encode(m.tariff, w.uint32(42).fork(), q + 1).ldelim();
if (m.version != null && $Object.hasOwnProperty.call(m, "version") && (typeof m.version === "object" ? m.version.low || m.version.high : m.version !== 0))
w.uint32(48).uint64(m.version);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

SiteConfig.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.SiteConfig();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (v = r.uint32())
m.telemetry_interval_ms = v;
else
delete m.telemetry_interval_ms;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.uint32())
m.burn_flush_interval_ms = v;
else
delete m.burn_flush_interval_ms;
continue;
}
case 3: {
if (u !== 0)
break;
if (v = r.bool())
m.drain = v;
else
delete m.drain;
continue;
}
case 4: {
if (u !== 2)
break;
if (!(m.signing_keys && m.signing_keys.length))
m.signing_keys = [];
m.signing_keys.push($root.edgefleet.v1.SigningKey.decode(r, r.size(), $undefined, q + 1));
continue;
}
case 5: {
if (u !== 2)
break;
m.tariff = $root.edgefleet.v1.Tariff.decode(r, r.size(), $undefined, q + 1, m.tariff);
continue;
}
case 6: {
if (u !== 0)
break;
if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
m.version = v;
else
delete m.version;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

SiteConfig.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.SiteConfig)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.SiteConfig: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.SiteConfig();
if (d.telemetry_interval_ms != null) {
if ($Number(d.telemetry_interval_ms) !== 0) {
m.telemetry_interval_ms = d.telemetry_interval_ms >>> 0;
}
}
if (d.burn_flush_interval_ms != null) {
if ($Number(d.burn_flush_interval_ms) !== 0) {
m.burn_flush_interval_ms = d.burn_flush_interval_ms >>> 0;
}
}
if (d.drain != null) {
if (d.drain) {
m.drain = $Boolean(d.drain);
}
}
if (d.signing_keys) {
if (!$Array.isArray(d.signing_keys))
throw $TypeError(".edgefleet.v1.SiteConfig.signing_keys: array expected");
m.signing_keys = $Array(d.signing_keys.length);
for (var i = 0; i < d.signing_keys.length; ++i) {
if (!$util.isObject(d.signing_keys[i]))
throw $TypeError(".edgefleet.v1.SiteConfig.signing_keys: object expected");
m.signing_keys[i] = $root.edgefleet.v1.SigningKey.fromObject(d.signing_keys[i], q + 1);
}
}
if (d.tariff != null) {
if (!$util.isObject(d.tariff))
throw $TypeError(".edgefleet.v1.SiteConfig.tariff: object expected");
m.tariff = $root.edgefleet.v1.Tariff.fromObject(d.tariff, q + 1);
}
if (d.version != null) {
if (typeof d.version === "object" ? d.version.low || d.version.high : $Number(d.version) !== 0) {
if ($util.Long)
m.version = $util.Long.fromValue(d.version, true);
else if (typeof d.version === "string")
m.version = $parseInt(d.version, 10);
else if (typeof d.version === "number")
m.version = d.version;
else if (typeof d.version === "object")
m.version = new $util.LongBits(d.version.low >>> 0, d.version.high >>> 0).toNumber(true);
}
}
return m;
};

SiteConfig.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.signing_keys = [];
}
if (o.defaults) {
d.telemetry_interval_ms = 0;
d.burn_flush_interval_ms = 0;
d.drain = false;
d.tariff = null;
if ($util.Long) {
var n = new $util.Long(0, 0, true);
d.version = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
} else
d.version = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
}
if (m.telemetry_interval_ms != null && $Object.hasOwnProperty.call(m, "telemetry_interval_ms")) {
d.telemetry_interval_ms = m.telemetry_interval_ms;
}
if (m.burn_flush_interval_ms != null && $Object.hasOwnProperty.call(m, "burn_flush_interval_ms")) {
d.burn_flush_interval_ms = m.burn_flush_interval_ms;
}
if (m.drain != null && $Object.hasOwnProperty.call(m, "drain")) {
d.drain = m.drain;
}
if (m.signing_keys && m.signing_keys.length) {
d.signing_keys = $Array(m.signing_keys.length);
for (var j = 0; j < m.signing_keys.length; ++j) {
d.signing_keys[j] = $root.edgefleet.v1.SigningKey.toObject(m.signing_keys[j], o, q + 1);
}
}
if (m.tariff != null && $Object.hasOwnProperty.call(m, "tariff")) {
d.tariff = $root.edgefleet.v1.Tariff.toObject(m.tariff, o, q + 1);
}
if (m.version != null && $Object.hasOwnProperty.call(m, "version")) {
if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
d.version = typeof m.version === "number" ? $BigInt(m.version) : $util.Long.fromBits(m.version.low >>> 0, m.version.high >>> 0, true).toBigInt();
else if (typeof m.version === "number")
d.version = o.longs === $String ? $String(m.version) : m.version;
else
d.version = o.longs === $String ? $util.Long.prototype.toString.call(m.version) : o.longs === $Number ? new $util.LongBits(m.version.low >>> 0, m.version.high >>> 0).toNumber(true) : m.version;
}
return d;
};

SiteConfig.prototype.toJSON = function() {
return SiteConfig.toObject(this, $protobuf.util.toJSONOptions);
};

SiteConfig.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.SiteConfig";
};

return SiteConfig;
})();

v1.SigningKey = (function() {

const SigningKey = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

SigningKey.prototype.kid = "";
SigningKey.prototype.public_key_pem = "";

SigningKey.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.kid != null && $Object.hasOwnProperty.call(m, "kid") && m.kid !== "")
w.uint32(10).string(m.kid);
if (m.public_key_pem != null && $Object.hasOwnProperty.call(m, "public_key_pem") && m.public_key_pem !== "")
w.uint32(18).string(m.public_key_pem);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

SigningKey.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.SigningKey();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.kid = v;
else
delete m.kid;
continue;
}
case 2: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.public_key_pem = v;
else
delete m.public_key_pem;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

SigningKey.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.SigningKey)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.SigningKey: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.SigningKey();
if (d.kid != null) {
if (typeof d.kid !== "string" || d.kid.length) {
m.kid = $String(d.kid);
}
}
if (d.public_key_pem != null) {
if (typeof d.public_key_pem !== "string" || d.public_key_pem.length) {
m.public_key_pem = $String(d.public_key_pem);
}
}
return m;
};

SigningKey.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.kid = "";
d.public_key_pem = "";
}
if (m.kid != null && $Object.hasOwnProperty.call(m, "kid")) {
d.kid = m.kid;
}
if (m.public_key_pem != null && $Object.hasOwnProperty.call(m, "public_key_pem")) {
d.public_key_pem = m.public_key_pem;
}
return d;
};

SigningKey.prototype.toJSON = function() {
return SigningKey.toObject(this, $protobuf.util.toJSONOptions);
};

SigningKey.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.SigningKey";
};

return SigningKey;
})();

v1.Tariff = (function() {

const Tariff = function (p) {
this.windows = [];
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

Tariff.prototype.currency = "";
Tariff.prototype.windows = $util.emptyArray;

Tariff.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.currency != null && $Object.hasOwnProperty.call(m, "currency") && m.currency !== "")
w.uint32(10).string(m.currency);
if (m.windows != null && m.windows.length) {
for (var i = 0; i < m.windows.length; ++i)
$root.edgefleet.v1.TariffWindow.encode(m.windows[i], w.uint32(18).fork(), q + 1).ldelim();
}
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

Tariff.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.Tariff();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 2)
break;
if ((v = r.stringVerify()).length)
m.currency = v;
else
delete m.currency;
continue;
}
case 2: {
if (u !== 2)
break;
if (!(m.windows && m.windows.length))
m.windows = [];
m.windows.push($root.edgefleet.v1.TariffWindow.decode(r, r.size(), $undefined, q + 1));
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

Tariff.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.Tariff)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.Tariff: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.Tariff();
if (d.currency != null) {
if (typeof d.currency !== "string" || d.currency.length) {
m.currency = $String(d.currency);
}
}
if (d.windows) {
if (!$Array.isArray(d.windows))
throw $TypeError(".edgefleet.v1.Tariff.windows: array expected");
m.windows = $Array(d.windows.length);
for (var i = 0; i < d.windows.length; ++i) {
if (!$util.isObject(d.windows[i]))
throw $TypeError(".edgefleet.v1.Tariff.windows: object expected");
m.windows[i] = $root.edgefleet.v1.TariffWindow.fromObject(d.windows[i], q + 1);
}
}
return m;
};

Tariff.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.arrays || o.defaults) {
d.windows = [];
}
if (o.defaults) {
d.currency = "";
}
if (m.currency != null && $Object.hasOwnProperty.call(m, "currency")) {
d.currency = m.currency;
}
if (m.windows && m.windows.length) {
d.windows = $Array(m.windows.length);
for (var j = 0; j < m.windows.length; ++j) {
d.windows[j] = $root.edgefleet.v1.TariffWindow.toObject(m.windows[j], o, q + 1);
}
}
return d;
};

Tariff.prototype.toJSON = function() {
return Tariff.toObject(this, $protobuf.util.toJSONOptions);
};

Tariff.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.Tariff";
};

return Tariff;
})();

v1.TariffWindow = (function() {

const TariffWindow = function (p) {
if (p)
for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
if (p[ks[i]] != null && ks[i] !== "__proto__")
this[ks[i]] = p[ks[i]];
};

TariffWindow.prototype.start_hour = 0;
TariffWindow.prototype.end_hour = 0;
TariffWindow.prototype.price_per_kwh = 0;

TariffWindow.encode = function (m, w, q) {
if (!w)
w = $Writer.create();
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
if (m.start_hour != null && $Object.hasOwnProperty.call(m, "start_hour") && m.start_hour !== 0)
w.uint32(8).uint32(m.start_hour);
if (m.end_hour != null && $Object.hasOwnProperty.call(m, "end_hour") && m.end_hour !== 0)
w.uint32(16).uint32(m.end_hour);
if (m.price_per_kwh != null && $Object.hasOwnProperty.call(m, "price_per_kwh") && !$Object.is(m.price_per_kwh, 0))
w.uint32(25).double(m.price_per_kwh);
if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
for (var i = 0; i < m.$unknowns.length; ++i)
w.raw(m.$unknowns[i]);
return w;
};

TariffWindow.decode = function (r, l, z, q, g) {
if (!(r instanceof $Reader))
r = $Reader.create(r);
if (q === $undefined)
q = 0;
if (q > $Reader.recursionLimit)
throw $Error("max depth exceeded");
var c, m, v;
if (l === $undefined)
c = r.len;
else {
c = r.pos + l;
if (c > r.len)
throw $RangeError("index out of range");
l = r.len;
r.len = c;
}
m = g || new $root.edgefleet.v1.TariffWindow();
while (r.pos < c) {
var s = r.pos;
var t = r.tag();
if (t === z) {
z = $undefined;
break;
}
var u = t & 7;
switch (t >>>= 3) {
case 1: {
if (u !== 0)
break;
if (v = r.uint32())
m.start_hour = v;
else
delete m.start_hour;
continue;
}
case 2: {
if (u !== 0)
break;
if (v = r.uint32())
m.end_hour = v;
else
delete m.end_hour;
continue;
}
case 3: {
if (u !== 1)
break;
if (!$Object.is(v = r.double(), 0))
m.price_per_kwh = v;
else
delete m.price_per_kwh;
continue;
}
}
r.skipType(u, q, t);
if (!r.discardUnknown) {
$util.makeProp(m, "$unknowns", false);
(m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
}
}
if (l !== $undefined) {
if (r.pos !== c)
throw $RangeError("index out of range");
r.len = l;
}
if (z !== $undefined)
throw $Error("missing end group");
return m;
};

TariffWindow.fromObject = function (d, q) {
if (d instanceof $root.edgefleet.v1.TariffWindow)
return d;
if (!$util.isObject(d))
throw $TypeError(".edgefleet.v1.TariffWindow: object expected");
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var m = new $root.edgefleet.v1.TariffWindow();
if (d.start_hour != null) {
if ($Number(d.start_hour) !== 0) {
m.start_hour = d.start_hour >>> 0;
}
}
if (d.end_hour != null) {
if ($Number(d.end_hour) !== 0) {
m.end_hour = d.end_hour >>> 0;
}
}
if (d.price_per_kwh != null) {
if (!$Object.is($Number(d.price_per_kwh), 0)) {
m.price_per_kwh = $Number(d.price_per_kwh);
}
}
return m;
};

TariffWindow.toObject = function (m, o, q) {
if (!o)
o = {};
if (q === $undefined)
q = 0;
if (q > $util.recursionLimit)
throw $Error("max depth exceeded");
var d = {};
if (o.defaults) {
d.start_hour = 0;
d.end_hour = 0;
d.price_per_kwh = 0;
}
if (m.start_hour != null && $Object.hasOwnProperty.call(m, "start_hour")) {
d.start_hour = m.start_hour;
}
if (m.end_hour != null && $Object.hasOwnProperty.call(m, "end_hour")) {
d.end_hour = m.end_hour;
}
if (m.price_per_kwh != null && $Object.hasOwnProperty.call(m, "price_per_kwh")) {
d.price_per_kwh = o.json && !$isFinite(m.price_per_kwh) ? $String(m.price_per_kwh) : m.price_per_kwh;
}
return d;
};

TariffWindow.prototype.toJSON = function() {
return TariffWindow.toObject(this, $protobuf.util.toJSONOptions);
};

TariffWindow.getTypeUrl = function(prefix) {
if (prefix === $undefined)
prefix = "type.googleapis.com";
return prefix + "/edgefleet.v1.TariffWindow";
};

return TariffWindow;
})();

return v1;
})();

return edgefleet;
})();

export {
$root as default
};
