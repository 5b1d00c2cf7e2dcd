// Must be imported before ../generated/edgefleet.js: with Long disabled, protobufjs decodes
// 64-bit integers as JavaScript numbers. All our 64-bit fields (µT amounts, ms timestamps,
// sequence numbers) stay below 2^53.
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = undefined as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
