package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

/** The codec speaks Avro's single-object encoding exactly as Avro's own encoder and decoder do. */
class SingleObjectFormatTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void avrosOwnDecoderReadsWhatTheCodecWrites() throws Exception {
        BinaryMessageDecoder<io.nodedex.avro.Event> avroDecoder = io.nodedex.avro.Event.getDecoder();
        for (Event event : SampleEvents.everyPayload()) {
            assertThat(avroDecoder.decode(codec.encode(event))).isEqualTo(AvroMapping.toAvro(event));
        }
    }

    @Test
    void theCodecReadsWhatAvrosOwnEncoderWrites() {
        for (Event event : SampleEvents.everyPayload()) {
            byte[] written = RawMessages.encode(AvroMapping.toAvro(event));

            assertThat(codec.decode(written)).isEqualTo(event);
            assertThat(codec.encode(event)).isEqualTo(written);
        }
    }
}
