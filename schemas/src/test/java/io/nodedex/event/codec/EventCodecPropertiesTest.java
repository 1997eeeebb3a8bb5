package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.nodedex.event.Event;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class EventCodecPropertiesTest {

    private final EventCodec codec = new EventCodec();

    @Property
    void decodingWhatWasEncodedGivesTheSameEvent(@ForAll("events") Event event) {
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Property
    void aMessageWithOneByteChangedDecodesToAValidEventOrFailsWithTheOneException(@ForAll("events") Event event,
            @ForAll @IntRange(min = 0, max = 100_000) int position, @ForAll byte value) {
        byte[] message = codec.encode(event);
        message[position % message.length] = value;

        assertDecodesOrFailsCleanly(message);
    }

    @Property
    void aTruncatedMessageFailsWithTheOneException(@ForAll("events") Event event,
            @ForAll @IntRange(min = 0, max = 100_000) int cut) {
        byte[] message = codec.encode(event);
        byte[] truncated = Arrays.copyOf(message, cut % message.length);

        try {
            codec.decode(truncated);
            throw new AssertionError("decoded " + truncated.length + " of " + message.length + " bytes");
        } catch (EventDecodingException expected) {
            assertThat(expected).hasMessageFindingMatch("^(not a nodedex event|corrupt body)");
        }
    }

    @Property
    void anyBodyBehindAKnownHeaderDecodesToAValidEventOrFailsWithTheOneException(
            @ForAll @Size(max = 200) byte[] body) {
        byte[] header = Arrays.copyOf(codec.encode(SampleEvents.event(new io.nodedex.event.Heartbeat())),
                SingleObjectReader.HEADER_LENGTH);
        byte[] message = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, message, header.length, body.length);

        assertDecodesOrFailsCleanly(message);
    }

    private void assertDecodesOrFailsCleanly(byte[] message) {
        Event decoded;
        try {
            decoded = codec.decode(message);
        } catch (EventDecodingException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        // what decoded is exactly what the bytes say, as plain Avro reads them
        assertThat(codec.encode(decoded)).isEqualTo(GenericRewriter.rewrite(message));
    }

    @Provide
    Arbitrary<Event> events() {
        return EventArbitraries.events();
    }
}
