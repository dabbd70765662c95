package io.limen.agent.camera;

import io.limen.config.CameraSource.PixelFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A camera process to run: its command line (no shell), the layout of the frames it writes, and
 * whether its clean exit ends the stream (a replay that does not loop) or is a failure to restart
 * from (a camera).
 *
 * @param input     the device or file the process reads, checked before each start so that a camera not
 *                  plugged in is said plainly rather than left to the tool's wording; empty when unknown
 * @param inputHint what to do when the input is missing
 */
record ProcessSpec(List<String> command, PixelFormat pixelFormat, boolean endsWhenDone, Optional<Path> input, String inputHint) {

    /** A command whose input is its own business. */
    ProcessSpec(List<String> command, PixelFormat pixelFormat, boolean endsWhenDone) {
        this(command, pixelFormat, endsWhenDone, Optional.empty(), "");
    }

    ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("camera command must name a program, but was empty");
        }
    }

    /** The program's name without its folder, as the log and the install hint name it. */
    String program() {
        String first = command.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }

    /** What to install when the program is missing. */
    String installHint() {
        return switch (program()) {
            case "ffmpeg" -> "install it: apt-get install ffmpeg";
            case "rpicam-vid" -> "install it: apt-get install rpicam-apps";
            case "libcamera-vid" -> "install it: apt-get install libcamera-apps (or use rpicam-vid from rpicam-apps)";
            default -> "install it or correct camera.source.command";
        };
    }

    /** Bytes of chroma that follow each frame's luma and are skipped: none for grey, two quarter planes for YUV 4:2:0. */
    static int chromaBytes(PixelFormat format, int width, int height) {
        return switch (format) {
            case GRAY -> 0;
            case YUV420 -> 2 * ((width + 1) / 2) * ((height + 1) / 2);
        };
    }
}
