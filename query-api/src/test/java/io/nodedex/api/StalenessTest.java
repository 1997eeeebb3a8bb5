package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StalenessTest {

    private static Staleness at(String now) {
        return new Staleness(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    @Test
    void aHostNotHeardFromForLongerThanStaleAfterIsStale() {
        Staleness staleness = at("2026-12-03T10:00:00Z");

        assertThat(staleness.isStale(Instant.parse("2026-12-03T09:54:59Z"))).isTrue();
        assertThat(staleness.isStale(Instant.parse("2026-12-03T09:55:00Z"))).isFalse();
        assertThat(staleness.isStale(Instant.parse("2026-12-03T09:59:59Z"))).isFalse();
    }

    @Test
    void nowMovesInStepsOfATenthOfStaleAfterSoAnswersWithinAStepAgree() {
        Staleness early = at("2026-12-03T10:00:00Z");
        Staleness late = at("2026-12-03T10:00:29.999Z");
        Staleness next = at("2026-12-03T10:00:30Z");

        assertThat(late.step()).isEqualTo(early.step());
        assertThat(next.step()).isEqualTo(early.step() + 1);
        assertThat(late.isStale(Instant.parse("2026-12-03T09:54:59Z"))).isTrue();
        assertThat(late.isStale(Instant.parse("2026-12-03T09:55:00Z"))).as("as of the step's start").isFalse();
    }
}
