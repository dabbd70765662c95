package io.limen.provisioning;

/**
 * A failure the person at the keyboard can fix (a missing key file, a file that would be
 * overwritten): reported as one line on stderr with exit code 1, never with a stack trace.
 */
final class ProvisioningException extends RuntimeException {

    ProvisioningException(String message) {
        super(message, null, false, false);
    }
}
