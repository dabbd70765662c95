package io.limen.agent.camera;

import io.limen.agent.time.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a folder of images (PNG, JPEG) as a camera would deliver them: in file-name order, one every
 * {@code 1 / framesPerSecond}, each at its own size, read as {@code scan} reads a photo (the
 * {@link ImageReader} given is {@code ImageFrames::read}). For field debugging ("would the terminal read these?") and tests. The folder
 * is listed once, at the first frame. An image that cannot be read is one log line and skipped; a
 * folder with no images ends at once. Each frame is its own array: nothing to give back.
 */
public final class ImageFolderSource implements FrameSource {

    private static final Logger log = LoggerFactory.getLogger(ImageFolderSource.class);

    private final Path folder;
    private final long periodNanos;
    private final boolean loop;
    private final Scheduler scheduler;
    private final CameraCounters counters;
    private final Pause pause;
    private final ImageReader reader;
    private List<Path> images;
    private int index;
    private long sequence;
    private long dueNanos;
    private volatile boolean closed;

    /**
     * @param framesPerSecond the pace, 1..120 (as the config allows)
     * @param loop            start again after the last image; otherwise end there
     */
    public ImageFolderSource(Path folder, int framesPerSecond, boolean loop, ImageReader reader, Scheduler scheduler,
                             CameraCounters counters) {
        this.reader = Objects.requireNonNull(reader, "reader must not be null");
        this.folder = Objects.requireNonNull(folder, "folder must not be null");
        this.periodNanos = Duration.ofSeconds(1).toNanos() / framesPerSecond;
        this.loop = loop;
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler must not be null");
        this.counters = Objects.requireNonNull(counters, "counters must not be null");
        this.pause = new Pause(scheduler);
    }

    @Override
    public Optional<Frame> next() throws InterruptedException {
        if (images == null) {
            images = list();
            dueNanos = scheduler.nanoTime();
        }
        int failedInARow = 0;
        while (!closed && !images.isEmpty() && failedInARow < images.size()) {
            if (index == images.size()) {
                if (!loop) {
                    break;
                }
                index = 0;
            }
            Path image = images.get(index++);
            long wait = dueNanos - scheduler.nanoTime();
            if (wait > 0) {
                pause.await(Duration.ofNanos(wait));
            }
            dueNanos += periodNanos;
            try {
                Frame frame = reader.read(image);
                counters.frameRead();
                return Optional.of(frame.arrivedAt(System.nanoTime(), ++sequence));
            } catch (IOException e) {
                failedInARow++;
                log.warn("camera replay: skipping {}", e.getMessage());
            }
        }
        if (!closed && failedInARow > 0 && failedInARow == images.size()) {
            log.error("camera replay: no image in {} could be read; the replay ends", folder);
        }
        return Optional.empty();
    }

    /** PNG and JPEG files directly in the folder, by name. */
    private List<Path> list() {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(ImageFolderSource::isImage).sorted().toList();
            if (found.isEmpty()) {
                log.error("camera replay: no .png, .jpg or .jpeg file in {}; the replay ends", folder);
            }
            return found;
        } catch (IOException e) {
            log.error("camera replay: cannot list {}: {}; the replay ends", folder, e.toString());
            return List.of();
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    @Override
    public void release(Frame frame) {
        // Each image is a fresh array: nothing to give back.
    }

    @Override
    public void close() {
        closed = true;
        pause.wake();
    }
}
