package io.limen.config;

/**
 * What the camera delivers: the frame size the decoder is tuned for, the rate, and how many frame
 * buffers the source cycles through (the reader fills one, one waits for the decoder, the decoder
 * reads one: three, so a 30 fps stream allocates no frames).
 *
 * @param width           pixels, 160..4096
 * @param height          pixels, 120..4096
 * @param framesPerSecond 1..120
 * @param buffers         frame buffers, 2..8
 */
public record CameraConfig(int width, int height, int framesPerSecond, int buffers) {

    public static final CameraConfig DEFAULTS = new CameraConfig(1280, 720, 30, 3);

    public CameraConfig {
        Checks.within("camera.width", width, 160, 4096);
        Checks.within("camera.height", height, 120, 4096);
        Checks.within("camera.framesPerSecond", framesPerSecond, 1, 120);
        Checks.within("camera.buffers", buffers, 2, 8);
    }
}
