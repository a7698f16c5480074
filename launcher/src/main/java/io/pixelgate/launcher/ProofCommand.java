package io.pixelgate.launcher;

import io.pixelgate.platform.PixelgateConfig;
import io.pixelgate.platform.PixelgateRuntime;
import io.pixelgate.platform.proof.LedgerReader;
import io.pixelgate.platform.proof.ProfileLedger;
import io.pixelgate.platform.proof.ProofReport;
import io.pixelgate.platform.proof.ReceiptHtml;
import io.pixelgate.platform.proof.ReceiptJson;
import io.pixelgate.platform.proof.ReceiptText;
import io.pixelgate.platform.proof.Receipts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pixelgate proof PROFILE}: that profile's consent receipts, read from the one
 * consent-ledger partition its key maps to, with its personal fields opened while its key exists
 * and the skeleton after an erasure.
 */
@Command(name = "proof", mixinStandardHelpOptions = true,
        description = {"Prints a profile's consent receipts (ISO/IEC TS 27560 fields): one per consent-ledger entry, "
                + "with the controller, purposes, legal basis, notice (wording version and SHA-256 of its text when on "
                + "file), method, times, collecting system, evidence and ledger effect, and each purpose's status now.",
                "Reads only the consent-ledger partition the profile's key maps to (read_committed, no consumer "
                        + "group), and its key on profile-keys. After an erasure the receipts are the proof skeleton "
                        + "and say the personal fields were erased.",
                "Exits 1 when the profile has no ledger entry."})
final class ProofCommand implements Callable<Integer> {

    /** The forms a report can take. */
    enum Format {
        json(ReceiptJson::of), html(ReceiptHtml::page), text(ReceiptText::of);

        private final Function<ProofReport, String> render;

        Format(final Function<ProofReport, String> render) {
            this.render = render;
        }
    }

    @Parameters(paramLabel = "PROFILE", description = "The profileId, as consent changes name it.")
    String profileId;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json (default), html (a readable page) or text.")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PixelgateConfig config = connection.load();
        final PixelgateRuntime runtime = PixelgateRuntime.connect(config);
        final ProfileLedger ledger;
        try (LedgerReader reader = LedgerReader.connect(config, runtime.topics(), "pixelgate-proof")) {
            ledger = reader.read(profileId);
        }
        if (ledger.entries().isEmpty()) {
            spec.commandLine().getErr().println("proof: profile '" + profileId + "' has no entry in "
                    + ledger.ledgerTopic() + " (partition " + ledger.ledgerPartition() + ", where its key maps to)");
            return 1;
        }
        final String rendered = format.render.apply(Receipts.configured(config, List.of()).build(ledger, Instant.now()));
        if (output == null) {
            final PrintWriter out = spec.commandLine().getOut();
            out.print(rendered);
            out.flush();
        } else {
            Files.writeString(output, rendered, StandardCharsets.UTF_8);
        }
        return 0;
    }
}
