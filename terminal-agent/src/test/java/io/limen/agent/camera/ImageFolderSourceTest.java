package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.limen.agent.cli.image.ImageFrames;
import io.limen.agent.decode.QrDecoder;
import io.limen.agent.simulation.CredentialTexts;
import io.limen.agent.time.ExecutorScheduler;
import io.limen.config.CameraSource;
import io.limen.provisioning.QrImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of images replayed as a camera: name order, the given pace, unreadable files skipped. */
class ImageFolderSourceTest {

    @TempDir
    Path dir;

    private final ExecutorScheduler scheduler = new ExecutorScheduler("test-replay-scheduler");
    private final CameraCounters counters = new CameraCounters();
    private final String text = CredentialTexts.typical(5);
    private final String other = CredentialTexts.typical(6);

    @BeforeEach
    void folder() throws Exception {
        Files.write(dir.resolve("a-code.png"), QrImage.png(text));
        Files.write(dir.resolve("b-blank.PNG"), QrImage.png(other));
        Files.writeString(dir.resolve("c-broken.png"), "not a png");
        Files.writeString(dir.resolve("notes.txt"), "not an image either");
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void folder_playsItsImagesInNameOrder_skipsTheUnreadable_andEnds() throws Exception {
        FrameSource source = CameraSources.open(CameraProcessSourceTest.small(640, 480, new CameraSource.Replay(dir, 100, false)),
                scheduler, counters, () -> null, ImageFrames::read);
        assertInstanceOf(ImageFolderSource.class, source);
        QrDecoder decoder = new QrDecoder();

        List<Optional<String>> read = new ArrayList<>();
        for (Optional<Frame> frame = source.next(); frame.isPresent(); frame = source.next()) {
            read.add(decoder.decode(frame.get()));
        }
        assertEquals(List.of(Optional.of(text), Optional.of(other)), read);
        assertEquals(2, counters.snapshot().framesRead());
    }

    @Test
    void loopingFolder_startsAgain_atTheGivenPace() throws Exception {
        ImageFolderSource source = new ImageFolderSource(dir, 20, true, ImageFrames::read, scheduler, counters);
        long start = System.nanoTime();
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sequences.add(source.next().orElseThrow().sequence());
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sequences);
        assertTrue(elapsedMs >= 190, "5 frames at 20 fps take at least 4 periods, took " + elapsedMs + " ms");
        source.close();
        assertEquals(Optional.empty(), source.next());
    }

    @Test
    void folderWithoutImages_endsAtOnce() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertEquals(Optional.empty(), new ImageFolderSource(empty, 30, true, ImageFrames::read, scheduler, counters).next());
    }
}
