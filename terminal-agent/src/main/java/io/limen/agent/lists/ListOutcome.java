package io.limen.agent.lists;

import io.limen.format.lists.ListKind;
import io.limen.format.lists.ListProblem;
import java.util.Objects;

/**
 * What became of one list document a terminal was given: applied (the new version answers from now
 * on), waiting (a chunk of a snapshot, staged until its last chunk), or refused with a stable
 * {@link ListProblem}, in which case nothing changed and the lists held before stay in force.
 */
public sealed interface ListOutcome {

    /** For the command line and logs: one line. */
    String describe();

    record Applied(ListKind kind, long version, String detail) implements ListOutcome {
        public Applied {
            Objects.requireNonNull(kind, "kind must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }

        @Override
        public String describe() {
            return "applied " + kind.code() + " version " + version + " (" + detail + ")";
        }
    }

    record Waiting(String detail) implements ListOutcome {
        public Waiting {
            Objects.requireNonNull(detail, "detail must not be null");
        }

        @Override
        public String describe() {
            return "staged " + detail;
        }
    }

    record Refused(ListProblem problem, String detail) implements ListOutcome {
        public Refused {
            Objects.requireNonNull(problem, "problem must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
        }

        @Override
        public String describe() {
            return "refused " + problem.code() + ": " + detail;
        }
    }
}
