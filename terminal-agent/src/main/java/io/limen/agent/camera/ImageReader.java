package io.limen.agent.camera;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one image file as a frame: the seam a folder replay reads its images through. Image files are
 * read on the command-line side ({@code io.limen.agent.cli.image.ImageFrames::read}, which caps their
 * size and refuses FIFOs), so the camera package does not depend on it.
 */
@FunctionalInterface
public interface ImageReader {

    /**
     * @throws IOException naming the file, when it cannot be read or is no image
     */
    Frame read(Path file) throws IOException;
}
