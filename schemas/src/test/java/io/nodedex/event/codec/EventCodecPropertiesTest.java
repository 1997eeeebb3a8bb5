package io.nodedex.event.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.nodedex.event.Event;
import io.nodedex.event.Heartbeat;
import java.util.Arrays;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of the codec over random events; each case is one seed, named in every failure. */
class EventCodecPropertiesTest {

    private final EventCodec codec = new EventCodec();

    static Stream<Long> seeds() {
        return LongStream.range(0, 1000).boxed();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decodingWhatWasEncodedGivesTheSameEvent(long seed) {
        Event event = new RandomEvents(seed).event();

        assertThat(codec.decode(codec.encode(event))).as("seed %d", seed).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aMessageWithOneByteChangedDecodesToAValidEventOrFailsWithTheOneException(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] message = codec.encode(random.event());
        message[random.random().nextInt(message.length)] = (byte) random.random().nextInt(256);

        assertDecodesOrFailsCleanly(seed, message);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aTruncatedMessageFailsWithTheOneException(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] message = codec.encode(random.event());
        byte[] truncated = Arrays.copyOf(message, random.random().nextInt(message.length));

        EventDecodingException failure = catchThrowableOfType(EventDecodingException.class, () -> codec.decode(truncated));

        assertThat(failure).as("seed %d: decoded %d of %d bytes", seed, truncated.length, message.length).isNotNull();
        assertThat(failure).hasMessageFindingMatch("^(not a nodedex event|corrupt body)");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyBodyBehindAKnownHeaderDecodesToAValidEventOrFailsWithTheOneException(long seed) {
        RandomEvents random = new RandomEvents(seed);
        byte[] body = new byte[random.random().nextInt(201)];
        random.random().nextBytes(body);
        byte[] header = Arrays.copyOf(codec.encode(SampleEvents.event(new Heartbeat())), SingleObjectReader.HEADER_LENGTH);
        byte[] message = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, message, header.length, body.length);

        assertDecodesOrFailsCleanly(seed, message);
    }

    private void assertDecodesOrFailsCleanly(long seed, byte[] message) {
        Event decoded;
        try {
            decoded = codec.decode(message);
        } catch (EventDecodingException expected) {
            assertThat(expected.getMessage()).as("seed %d", seed).isNotBlank();
            return;
        }
        // what decoded is exactly what the bytes say, as plain Avro reads them
        assertThat(codec.encode(decoded)).as("seed %d", seed).isEqualTo(GenericRewriter.rewrite(message));
    }
}
