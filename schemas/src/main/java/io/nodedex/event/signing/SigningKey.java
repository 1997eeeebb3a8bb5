package io.nodedex.event.signing;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 private key, which signs event records: an agent's own key (kept in its state
 * directory, created on its first start) or the administrators' key. Read from and written as
 * PEM ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8), as {@code openssl genpkey -algorithm ed25519}
 * writes it.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the key.
 */
public final class SigningKey {

    private static final String PEM_TYPE = "PRIVATE KEY";

    private final Ed25519PrivateKeyParameters key;
    private final PublicSigningKey publicKey;

    private SigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
        this.publicKey = PublicSigningKey.of(key.generatePublicKey());
    }

    /** A new key from the system's strong random source. */
    public static SigningKey generate() {
        return new SigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /**
     * The key in a PEM text ({@code PRIVATE KEY}).
     *
     * @throws InvalidInputException when the text holds no PEM private key, or one that is not Ed25519
     */
    public static SigningKey parsePem(String pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("not a PEM private key: " + e.getMessage());
        }
        if (object == null || !PEM_TYPE.equals(object.getType())) {
            throw new InvalidInputException("not a PEM private key: expected a '-----BEGIN " + PEM_TYPE
                    + "-----' block (PKCS#8)" + (object == null ? "" : ", found '" + object.getType() + "'"));
        }
        AsymmetricKeyParameter parameters;
        try {
            parameters = PrivateKeyFactory.createKey(object.getContent());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("not a valid private key: " + e.getMessage());
        }
        if (!(parameters instanceof Ed25519PrivateKeyParameters ed25519)) {
            throw new InvalidInputException("not an Ed25519 private key: " + PublicSigningKey.algorithm(parameters));
        }
        return new SigningKey(ed25519);
    }

    /**
     * The key in a PEM file.
     *
     * @throws InvalidInputException naming the file when it cannot be read or holds no Ed25519 private key
     */
    public static SigningKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the private key file " + file + ": " + e);
        }
        try {
            return parsePem(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    /**
     * The key in {@code privateFile}; when that does not exist, a new key, written to it (readable
     * by its owner only) and its public key to {@code publicFile}, each atomically.
     *
     * @throws InvalidInputException naming the file when an existing key file holds no Ed25519 key
     * @throws UncheckedIOException when a new key cannot be written
     */
    public static SigningKey readOrCreate(Path privateFile, Path publicFile) {
        if (Files.exists(privateFile)) {
            SigningKey existing = read(privateFile);
            if (!Files.exists(publicFile)) {
                existing.writePublic(publicFile);
            }
            return existing;
        }
        SigningKey created = generate();
        created.write(privateFile, publicFile);
        return created;
    }

    /**
     * Writes the key to {@code privateFile} (readable by its owner only where the file system has
     * POSIX permissions) and its public key to {@code publicFile}; refuses to replace a key file.
     *
     * @throws UncheckedIOException when a file cannot be written, or the private key file exists
     */
    public void write(Path privateFile, Path publicFile) {
        try {
            Path directory = privateFile.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".key-", ".tmp");
            try {
                setOwnerOnly(temporary);
                Files.writeString(temporary, pem(), StandardCharsets.US_ASCII);
                if (Files.exists(privateFile)) {
                    throw new FileAlreadyExistsException(privateFile.toString(), null, "a key file is never replaced");
                }
                Files.move(temporary, privateFile, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the private key to " + privateFile + ": " + e, e);
        }
        writePublic(publicFile);
    }

    private void writePublic(Path publicFile) {
        try {
            Path directory = publicFile.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".pub-", ".tmp");
            try {
                Files.writeString(temporary, publicKey.pem(), StandardCharsets.US_ASCII);
                Files.move(temporary, publicFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the public key to " + publicFile + ": " + e, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX permissions: its own access rules apply
        }
    }

    /** The key as PEM text ({@code PRIVATE KEY}, PKCS#8), ending in a newline. */
    String pem() {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(PEM_TYPE, PrivateKeyInfoFactory.createPrivateKeyInfo(key).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a private key", e);
        }
        return text.toString();
    }

    /** The matching public key. */
    public PublicSigningKey publicKey() {
        return publicKey;
    }

    /** The Ed25519 signature of {@code message} (64 bytes). */
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "Ed25519 private key of " + publicKey.fingerprint();
    }
}
