package io.limen.hardware;

import org.junit.jupiter.api.Tag;

/**
 * {@link GateWiringContract} on the real jig, on a Raspberry Pi wired as hardware-tests/README.md shows:
 *
 * <pre>
 *   ./limen test-hardware      # or: mvn -B -pl hardware-tests -am test -Pjig
 * </pre>
 *
 * Tagged {@code hardware}: the default build excludes the tag, so elsewhere it is neither run nor
 * counted as skipped.
 */
@Tag("hardware")
class JigGateWiringTest extends GateWiringContract {

    @Override
    Rig rig() {
        return new JigRig(BOARD);
    }
}
