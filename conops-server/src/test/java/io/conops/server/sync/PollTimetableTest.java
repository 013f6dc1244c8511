package io.conops.server.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.conops.server.app.PollSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PollTimetableTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration MINUTE = Duration.ofMinutes(1);

    final PollTimetable timetable = new PollTimetable();
    final UUID a = UUID.randomUUID();
    final UUID b = UUID.randomUUID();

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void nothingIsDueBeforeItsTimeAndNothingIsWaitedForWhenThereAreNoApps() {
        assertThat(timetable.next()).isEmpty();
        timetable.plan(a, MINUTE, at(60));

        assertThat(timetable.takeDue(at(59))).isEmpty();
        assertThat(timetable.next()).contains(at(60));
    }

    @Test
    void loadedAppsAreDueAtOnceAndAppsAlreadyPlannedKeepTheirTime() {
        timetable.plan(a, MINUTE, at(60));
        timetable.load(List.of(new PollSchedule(a, MINUTE), new PollSchedule(b, MINUTE)), at(0));

        assertThat(timetable.takeDue(at(0))).containsExactly(new PollTimetable.Due(b, at(0)));
        assertThat(timetable.dueAt(a)).contains(at(60));
    }

    @Test
    void duePollsComeEarliestFirstWithTheTimeTheyWereDue() {
        timetable.plan(a, MINUTE, at(20));
        timetable.plan(b, MINUTE, at(10));

        assertThat(timetable.takeDue(at(30)))
                .containsExactly(new PollTimetable.Due(b, at(10)), new PollTimetable.Due(a, at(20)));
    }

    @Test
    void theNextPollIsOneIntervalAfterTheLastWasDue() {
        timetable.plan(a, MINUTE, at(0));
        timetable.takeDue(at(2));
        timetable.finished(a, at(5));

        assertThat(timetable.next()).contains(at(60));
    }

    @Test
    void aPollThatEndsPastItsNextTimeIsFollowedByOneAtOnceNotABurst() {
        timetable.plan(a, Duration.ofSeconds(1), at(0));
        timetable.takeDue(at(0));
        timetable.finished(a, at(10));

        assertThat(timetable.takeDue(at(10))).containsExactly(new PollTimetable.Due(a, at(10)));
    }

    @Test
    void aRunningPollIsNotStartedTwice() {
        timetable.plan(a, Duration.ofSeconds(1), at(0));
        timetable.takeDue(at(0));

        assertThat(timetable.takeDue(at(30))).isEmpty();
        assertThat(timetable.next()).isEmpty();
    }

    @Test
    void aPollAskedForWhileOneRunsFollowsIt() {
        timetable.plan(a, MINUTE, at(0));
        timetable.takeDue(at(0));
        assertThat(timetable.dueNow(a, at(1))).isTrue();
        assertThat(timetable.takeDue(at(1))).isEmpty();

        timetable.finished(a, at(2));

        assertThat(timetable.takeDue(at(2))).containsExactly(new PollTimetable.Due(a, at(1)));
    }

    @Test
    void dueNowBringsAPollForward() {
        timetable.plan(a, Duration.ofHours(1), at(3600));

        assertThat(timetable.dueNow(a, at(5))).isTrue();
        assertThat(timetable.takeDue(at(5))).containsExactly(new PollTimetable.Due(a, at(5)));
    }

    @Test
    void dueNowOfAnUnknownAppSaysSo() {
        assertThat(timetable.dueNow(a, at(0))).isFalse();
        assertThat(timetable.next()).isEmpty();
    }

    @Test
    void aChangedIntervalTakesEffectFromTheNextPoll() {
        timetable.plan(a, Duration.ofHours(1), at(0));
        timetable.takeDue(at(0));
        timetable.finished(a, at(0));
        assertThat(timetable.next()).contains(at(3600));

        timetable.plan(a, Duration.ofSeconds(1), at(10));
        timetable.takeDue(at(10));
        timetable.finished(a, at(10));

        assertThat(timetable.next()).contains(at(11));
    }

    @Test
    void aForgottenAppIsNotPolledAgainEvenWhenItsPollWasRunning() {
        timetable.plan(a, MINUTE, at(0));
        timetable.plan(b, MINUTE, at(0));
        timetable.takeDue(at(0));
        timetable.forget(a);
        timetable.finished(a, at(1));
        timetable.finished(b, at(1));
        timetable.forget(b);

        assertThat(timetable.takeDue(at(600))).isEmpty();
        assertThat(timetable.next()).isEmpty();
        assertThat(timetable.size()).isZero();
    }

    @Test
    void finishingAPollThatWasNotRunningChangesNothing() {
        timetable.plan(a, MINUTE, at(60));
        timetable.finished(a, at(1));

        assertThat(timetable.next()).contains(at(60));
    }

    @Test
    void aPollMadeForAnotherAppOnTheBranchMovesTheNextOneIntervalOnEvenWhenDue() {
        timetable.plan(a, MINUTE, at(30));
        assertThat(timetable.polledFor(a, at(10))).isTrue();
        assertThat(timetable.dueAt(a)).contains(at(71)); // one interval and the margin on

        // due already but not yet taken: the ls-remote just made stands in for it too
        assertThat(timetable.polledFor(a, at(75))).isTrue();
        assertThat(timetable.dueAt(a)).contains(at(136));
        assertThat(timetable.takeDue(at(100))).isEmpty();
    }

    @Test
    void aPollAskedForAtOnceOrRunningIsNotStoodInFor() {
        timetable.plan(a, MINUTE, at(30));
        timetable.dueNow(a, at(10));
        assertThat(timetable.polledFor(a, at(11))).isFalse();
        assertThat(timetable.takeDue(at(11))).containsExactly(new PollTimetable.Due(a, at(10)));

        // running: its own poll is under way
        assertThat(timetable.polledFor(a, at(12))).isFalse();
        timetable.finished(a, at(13));
        assertThat(timetable.dueAt(a)).contains(at(70));
        // and once taken, the urgency is spent: a later poll for another app stands in again
        assertThat(timetable.polledFor(a, at(20))).isTrue();
        assertThat(timetable.dueAt(a)).contains(at(81));
    }

    @Test
    void theStandInMarginIsASecondOrHalfAShorterInterval() {
        assertThat(PollTimetable.standInMargin(MINUTE)).isEqualTo(Duration.ofSeconds(1));
        assertThat(PollTimetable.standInMargin(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(500));
    }
}
