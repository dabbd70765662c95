package io.limen.provisioning;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code limen provision} for a child process that a test kills: {@code PAUSE-STEP ARGS...} runs the
 * command and, before the file-set step named PAUSE-STEP, says "paused before STEP" on stderr and
 * waits for ever (for the test's SIGKILL).
 */
final class PausingProvision {

    private PausingProvision() {
    }

    public static void main(String[] args) throws Exception {
        String pauseBefore = args[0];
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        FileSet.Steps pause = step -> {
            if (step.equals(pauseBefore)) {
                err.println("paused before " + step);
                err.flush();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        System.exit(ProvisionCommand.run(Arrays.copyOfRange(args, 1, args.length), Clock.systemUTC(), new SecureRandom(), out, err, pause));
    }
}
