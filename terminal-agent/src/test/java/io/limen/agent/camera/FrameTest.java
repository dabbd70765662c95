package io.limen.agent.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FrameTest {

    @Test
    void lumaOfWrongLength_isRejectedWithExpectedAndActualSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Frame(new byte[100], 1280, 720));
        assertEquals("frame luma must be stride*height = 921600 bytes, but was 100", e.getMessage());
    }

    @Test
    void nonPositiveWidth_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Frame(new byte[0], 0, 720));
        assertEquals("frame width must be positive, but was 0", e.getMessage());
    }

    @Test
    void nonPositiveHeight_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Frame(new byte[0], 1280, -1));
        assertEquals("frame height must be positive, but was -1", e.getMessage());
    }

    @Test
    void nullLuma_isRejected() {
        var e = assertThrows(NullPointerException.class, () -> new Frame(null, 2, 2));
        assertEquals("frame luma must not be null", e.getMessage());
    }

    @Test
    void sequence_isKeptOnReplay_notCountedInEquality_andNeverNegative() {
        Frame numbered = new Frame(new byte[6], 3, 2, 3, 10, 42);
        assertEquals(42, numbered.arrivedAt(20).sequence());
        assertEquals(7, numbered.arrivedAt(20, 7).sequence());
        assertEquals(new Frame(new byte[6], 3, 2), numbered);
        assertEquals("Frame[3x2, #42, luma=6byte]", numbered.toString());
        var e = assertThrows(IllegalArgumentException.class, () -> new Frame(new byte[6], 3, 2, 3, 0, -1));
        assertEquals("frame sequence must not be negative, but was -1", e.getMessage());
    }

    @Test
    void toString_givesSizeNotBytes() {
        assertEquals("Frame[3x2, luma=6byte]", new Frame(new byte[6], 3, 2).toString());
    }

    @Test
    void framesWithTheSamePixels_areEqual() {
        Frame a = new Frame(new byte[] {1, 2, 3, 4}, 2, 2);
        Frame b = new Frame(new byte[] {1, 2, 3, 4}, 2, 2);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Frame(new byte[] {1, 2, 3, 4}, 4, 1));
        assertNotEquals(a, new Frame(new byte[] {1, 2, 3, 5}, 2, 2));
    }

    @Test
    void strideNarrowerThanTheWidth_isRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Frame(new byte[6], 3, 2, 2, 0));
        assertEquals("frame stride must be at least the width 3, but was 2", e.getMessage());
    }

    @Test
    void framesWithTheSamePixels_areEqual_whateverTheirRowPaddingAndArrival() {
        Frame tight = new Frame(new byte[] {1, 2, 3, 4}, 2, 2, 2, 10);
        Frame padded = new Frame(new byte[] {1, 2, 99, 3, 4, 98}, 2, 2, 3, 20);
        assertEquals(tight, padded);
        assertEquals(tight.hashCode(), padded.hashCode());
        assertEquals("Frame[2x2, stride=3, luma=6byte]", padded.toString());
    }

    @Test
    void arrivedAt_keepsThePixelsInTheSameArray_andStampsTheArrival() {
        Frame frame = new Frame(new byte[] {1, 2, 3, 4}, 2, 2);
        Frame later = frame.arrivedAt(12345);
        assertSame(frame.luma(), later.luma());
        assertEquals(12345, later.arrivalNanos());
    }

    @Test
    void newFrame_arrivesNow() {
        long before = System.nanoTime();
        Frame frame = new Frame(new byte[1], 1, 1);
        assertTrue(frame.arrivalNanos() - before >= 0 && System.nanoTime() - frame.arrivalNanos() >= 0);
    }
}
