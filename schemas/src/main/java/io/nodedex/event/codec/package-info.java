/**
 * The wire format of events: {@link io.nodedex.event.codec.EventCodec} encodes and decodes
 * {@link io.nodedex.event.Event}s in Avro single-object encoding and reads every released schema
 * version; {@link io.nodedex.event.codec.EventDecodingException} is the one failure of decoding.
 * {@link io.nodedex.event.codec.DeviceCodec} is the stored form of one device, the schema's own
 * {@code Device} record; {@code EventCodec.decodeWithDevices} hands back the stored form of every
 * device an event carries, taken from the message as it travelled where its schema is current.
 *
 * <p>The current schema is {@code src/main/avro/event.avsc} (it generates the records in
 * {@code io.nodedex.avro}, which only this package touches); every released version is frozen in
 * {@code io/nodedex/schemas/history/event-vN.avsc}. To change the schema: edit
 * {@code event.avsc} in a backward compatible way (add fields with defaults), copy it to the next
 * {@code event-vN.avsc}, and pin the new file in {@code SchemaHistoryTest}; the tests then prove
 * that every older version still decodes. A change to the {@code Device} record also changes
 * {@code DeviceReader}, which reads it field by field, and the fingerprint it names: until then
 * every codec refuses to start, naming the new fingerprint.
 */
package io.nodedex.event.codec;
