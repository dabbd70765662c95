package io.limen.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the camera's frames come from, one kind per variant. Every kind delivers frames of the
 * {@link CameraConfig}'s width, height and rate; the agent turns each into a frame source
 * ({@code io.limen.agent.camera.CameraSources}).
 *
 * <pre>
 *   kind       what runs                                                       for
 *   process    any command writing raw frames to stdout (grey or YUV 4:2:0)    a camera tool not preset here
 *   v4l2       ffmpeg -f v4l2 -framerate F -video_size WxH -i DEV              USB (UVC) cameras
 *                     -pix_fmt gray -f rawvideo -
 *   rpicam     rpicam-vid -t 0 -n --camera N --codec yuv420                    Raspberry Pi camera modules
 *                     --width W --height H --framerate F -o -
 *   replay     a video file through ffmpeg, or a folder of PNG/JPEG images      field debugging, tests
 *   synthetic  rendered scenes                                                 demo, tests
 * </pre>
 */
public sealed interface CameraSource {

    /** The config file's name of this kind: {@code process}, {@code v4l2}, {@code rpicam}, {@code replay}, {@code synthetic}. */
    String kind();

    /** How a process lays out one frame on its stdout. */
    enum PixelFormat {
        /** One byte of luma per pixel, width × height bytes a frame (ffmpeg {@code -pix_fmt gray}). */
        GRAY,
        /**
         * Planar YUV 4:2:0 (I420): the luma plane, then the two chroma planes at half width and height
         * (ffmpeg {@code yuv420p}, rpicam-vid {@code --codec yuv420}). Only the luma is kept.
         */
        YUV420
    }

    /**
     * Any command that writes raw frames to its stdout, started without a shell.
     *
     * @param command     the program and its arguments, at most 64 of them, each without NUL
     * @param pixelFormat the frame layout it writes
     */
    record Process(List<String> command, PixelFormat pixelFormat) implements CameraSource {
        /** The most words a command may have. */
        public static final int MAX_WORDS = 64;

        public Process {
            Checks.present("camera.source.command", command);
            Checks.present("camera.source.pixelFormat", pixelFormat);
            command = List.copyOf(command);
            if (command.isEmpty() || command.size() > MAX_WORDS) {
                throw new IllegalArgumentException("camera.source.command must have 1..64 words, but had " + command.size());
            }
            if (command.get(0).isBlank()) {
                throw new IllegalArgumentException("camera.source.command must start with a program name, but started with \""
                        + command.get(0) + "\"");
            }
            for (String word : command) {
                if (word.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("camera.source.command words must not contain NUL, but one did");
                }
            }
        }

        @Override
        public String kind() {
            return "process";
        }
    }

    /**
     * A USB (UVC) camera read through ffmpeg's V4L2 input, as grey frames.
     *
     * @param device the video device, e.g. {@code /dev/video0}
     */
    record V4l2(Path device) implements CameraSource {
        public V4l2 {
            Checks.present("camera.source.device", device);
        }

        @Override
        public String kind() {
            return "v4l2";
        }
    }

    /**
     * A Raspberry Pi camera module read through {@code rpicam-vid}, as YUV 4:2:0 frames. The camera
     * stack pads rows to a multiple of 64 bytes, so {@link CameraConfig} requires such a width for this kind.
     *
     * @param camera the camera index ({@code rpicam-vid --list-cameras}), 0..7
     */
    record Rpicam(int camera) implements CameraSource {
        /** {@link #camera}: the index {@code rpicam-vid --list-cameras} shows. */
        public static final Range CAMERA = new Range(0, 7);

        public Rpicam {
            Checks.within("camera.source.camera", camera, CAMERA);
        }

        @Override
        public String kind() {
            return "rpicam";
        }
    }

    /**
     * Recorded frames played as a camera would deliver them: a video file (any format ffmpeg reads,
     * scaled to the camera's size), or a folder of PNG/JPEG images taken in name order, each at its own size.
     *
     * @param path            the video file or the folder
     * @param framesPerSecond the rate frames are delivered at, 1..120
     * @param loop            start again at the end; otherwise the source ends after the last frame
     */
    record Replay(Path path, int framesPerSecond, boolean loop) implements CameraSource {
        public Replay {
            Checks.present("camera.source.path", path);
            Checks.within("camera.source.framesPerSecond", framesPerSecond, CameraConfig.FRAMES_PER_SECOND);
        }

        @Override
        public String kind() {
            return "replay";
        }
    }

    /** Rendered scenes, supplied by whoever runs the terminal (the demo's script, a test). */
    record Synthetic() implements CameraSource {
        @Override
        public String kind() {
            return "synthetic";
        }
    }
}
