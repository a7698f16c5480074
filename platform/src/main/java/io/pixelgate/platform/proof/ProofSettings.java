package io.pixelgate.platform.proof;

import io.pixelgate.platform.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The settings of consent receipts ({@code pixelgate proof} and the edge's receipt page). */
public final class ProofSettings {

    /** What a receipt says of a controller field nobody set: a receipt never invents a controller. */
    public static final String NOT_CONFIGURED = "not configured";

    public static final Setting<String> CONTROLLER_NAME = Setting.text("proof.controller.name", NOT_CONFIGURED,
            "the controller named on consent receipts (ISO/IEC TS 27560 PII controller)");
    public static final Setting<String> CONTROLLER_CONTACT = Setting.text("proof.controller.contact", NOT_CONFIGURED,
            "how to reach the controller or its DPO, shown on consent receipts");
    public static final Setting<Optional<Path>> WORDINGS_DIR = Setting.of("proof.wordings.dir", "none",
            "a directory of the notices other systems showed, `<wordingVersion>.txt`, hashed on receipts",
            "must be a directory", text -> "none".equals(text) ? Optional.<Path>empty() : Optional.of(Path.of(text)));
    public static final Setting<Duration> READ_TIMEOUT = Setting.duration("proof.read.timeout",
            Duration.ofSeconds(30), "how long reading one profile's ledger partition may take").positive();

    /** Every setting above, in the order of the README's table. */
    public static final List<Setting<?>> ALL = List.of(CONTROLLER_NAME, CONTROLLER_CONTACT, WORDINGS_DIR, READ_TIMEOUT);

    private ProofSettings() {
    }
}
