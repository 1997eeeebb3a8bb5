package io.nodedex.indexer;

import io.nodedex.event.kafka.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends refused records to the dead-letter topic, with the reason and where they came from in
 * {@link DeadLetterHeaders}. {@link #send} returns only once the broker acknowledged every one,
 * so the batch that advances the offsets past them is written after they are safe: nothing is
 * lost. After a crash between the two, they are sent again (at least once).
 */
final class DeadLetters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    /** A refused record and why. */
    record Letter(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    private final Producer<byte[], byte[]> producer;
    private final String topic;

    DeadLetters(Producer<byte[], byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Sends the letters and waits for their acknowledgement.
     *
     * @throws IllegalStateException when the broker did not acknowledge one: the indexer must not
     *     advance its offsets past it
     */
    void send(List<Letter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
        for (Letter letter : letters) {
            ConsumerRecord<byte[], byte[]> record = letter.record();
            LOG.warn("dead letter: {} partition {} offset {}: {}", record.topic(), record.partition(), record.offset(),
                    letter.reason());
            sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers(letter))));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                throw unacknowledged(letters.get(i), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unacknowledged(letters.get(i), e);
            }
        }
    }

    private IllegalStateException unacknowledged(Letter letter, Throwable cause) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        return new IllegalStateException("dead-letter topic " + topic + " did not acknowledge the record from "
                + record.topic() + " partition " + record.partition() + " offset " + record.offset()
                + "; stopping without consuming past it: " + cause, cause);
    }

    private static RecordHeaders headers(Letter letter) {
        ConsumerRecord<byte[], byte[]> record = letter.record();
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, utf8(letter.reason()));
        headers.add(DeadLetterHeaders.TOPIC, utf8(record.topic()));
        headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(record.offset())));
        for (Header original : record.headers()) {
            headers.add(original);
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
