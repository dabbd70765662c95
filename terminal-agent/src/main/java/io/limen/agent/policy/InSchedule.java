package io.limen.agent.policy;

import io.limen.config.Schedule;
import io.limen.format.Reason;
import io.limen.format.credential.Credential;
import java.util.Objects;
import java.util.Optional;

/**
 * Refuses every credential while the entrance is closed by its schedule: outside its weekly windows or
 * on a holiday, in the building's time zone, judged on the scan's wall-clock reading.
 */
public final class InSchedule implements Rule {

    private final Schedule schedule;

    public InSchedule(Schedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule must not be null");
    }

    @Override
    public Optional<Decision.Denied> check(Credential credential, ScanContext context) {
        if (schedule.isOpen(context.time().instant())) {
            return Optional.empty();
        }
        return Optional.of(new Decision.Denied(Reason.OUTSIDE_SCHEDULE, Optional.of(credential),
                "closed at " + context.time().instant().atZone(schedule.timeZone()).toLocalDateTime() + " " + schedule.timeZone()
                        + " (open " + schedule.open() + (schedule.holidays().isEmpty() ? "" : ", except holidays") + ")"));
    }
}
