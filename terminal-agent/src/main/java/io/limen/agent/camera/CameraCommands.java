package io.limen.agent.camera;

import io.limen.config.CameraConfig;
import io.limen.config.CameraSource;
import io.limen.config.CameraSource.PixelFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command lines of the preset camera kinds, built from the config's size and rate. Each writes raw
 * frames, nothing else, to stdout; ffmpeg is told not to read stdin ({@code -nostdin}: it would take
 * a byte of input for its keyboard commands) and to log errors only.
 */
final class CameraCommands {

    private static final List<String> FFMPEG = List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error");

    private CameraCommands() {
    }

    /** The process for a process-backed kind; the synthetic source and image folders have none. */
    static ProcessSpec of(CameraConfig camera, CameraSource source) {
        return switch (source) {
            case CameraSource.Process p -> new ProcessSpec(p.command(), p.pixelFormat(), false);
            case CameraSource.V4l2 v -> new ProcessSpec(v4l2(camera, v), PixelFormat.GRAY, false, Optional.of(v.device()),
                    "is the camera plugged in? (v4l2-ctl --list-devices)");
            case CameraSource.Rpicam r -> new ProcessSpec(rpicam(camera, r), PixelFormat.YUV420, false);
            case CameraSource.Replay r -> new ProcessSpec(videoReplay(camera, r), PixelFormat.GRAY, !r.loop(), Optional.of(r.path()),
                    "correct camera.source.path");
            case CameraSource.Synthetic s -> throw new IllegalArgumentException("a synthetic camera runs no process");
        };
    }

    /** {@code ffmpeg -f v4l2 -framerate F -video_size WxH -i DEV -pix_fmt gray -f rawvideo -}: a USB camera, grey. */
    static List<String> v4l2(CameraConfig camera, CameraSource.V4l2 source) {
        List<String> command = new ArrayList<>(FFMPEG);
        command.addAll(List.of("-f", "v4l2", "-framerate", Integer.toString(camera.framesPerSecond()),
                "-video_size", camera.width() + "x" + camera.height(), "-i", source.device().toString()));
        command.addAll(List.of("-pix_fmt", "gray", "-f", "rawvideo", "-"));
        return command;
    }

    /**
     * {@code rpicam-vid -t 0 -n --camera N --codec yuv420 --width W --height H --framerate F -o -}: a Pi
     * camera module, forever ({@code -t 0}), no preview window ({@code -n}), planar YUV 4:2:0.
     */
    static List<String> rpicam(CameraConfig camera, CameraSource.Rpicam source) {
        return List.of("rpicam-vid", "-t", "0", "-n", "--camera", Integer.toString(source.camera()), "--codec", "yuv420",
                "--width", Integer.toString(camera.width()), "--height", Integer.toString(camera.height()),
                "--framerate", Integer.toString(camera.framesPerSecond()), "-o", "-");
    }

    /**
     * A video file at its own pace ({@code -re}), resampled to the replay's rate and scaled to the
     * camera's size, grey; looped by ffmpeg itself ({@code -stream_loop -1}) when asked.
     */
    static List<String> videoReplay(CameraConfig camera, CameraSource.Replay source) {
        List<String> command = new ArrayList<>(FFMPEG);
        if (source.loop()) {
            command.addAll(List.of("-stream_loop", "-1"));
        }
        command.addAll(List.of("-re", "-i", source.path().toString(),
                "-vf", "fps=" + source.framesPerSecond() + ",scale=" + camera.width() + ":" + camera.height(),
                "-pix_fmt", "gray", "-f", "rawvideo", "-"));
        return command;
    }
}
