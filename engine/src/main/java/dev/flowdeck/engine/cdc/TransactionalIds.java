package dev.flowdeck.engine.cdc;

import dev.flowdeck.engine.config.OwnerOnly;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The CDC's Kafka transactional id: stable for this installation, so that after a restart or a kill -9 the new
 * producer fences its predecessor, but not guessable by another local user who can reach the broker, so that such a
 * user cannot fence the poller by opening a producer with the same id. It is an HMAC of the connector name under a
 * random secret kept owner-only in the data folder ({@value #FILE}).
 */
public final class TransactionalIds {
    static final String FILE = "cdc-secret";
    private static final String PREFIX = "flowdeck-cdc-";

    private TransactionalIds() {
    }

    /**
     * The id for {@code connector}. With no data folder (tests, embedded use) it is the connector name alone, as
     * before, and therefore predictable.
     */
    public static String of(String connector, Path dataFolder) {
        if (dataFolder == null) {
            return PREFIX + connector;
        }
        byte[] secret = secret(dataFolder);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] tag = mac.doFinal(connector.getBytes(StandardCharsets.UTF_8));
            return PREFIX + connector + "-" + HexFormat.of().formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the secret, or makes it once (owner-only, written whole before it is visible). */
    static byte[] secret(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                OwnerOnly.directory(dataFolder);
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = Files.createTempFile(dataFolder, FILE, ".tmp");
                OwnerOnly.file(tmp);
                Files.writeString(tmp, HexFormat.of().formatHex(fresh));
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return HexFormat.of().parseHex(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot read or create the CDC secret " + file + ": " + e.getMessage()
                    + ". Check that the data folder is writable; delete the file if it is damaged (the next start makes a new one"
                    + " and fences nothing it left open until the transaction timeout)",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
