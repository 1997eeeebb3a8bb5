package io.nodedex.event.signing;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * An Ed25519 public key: a host's enrolled key, or the administrators' key that signs enrolments
 * and other lifecycle records (docs/design.md, "Who may publish what"). Read from and written as
 * PEM ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), as
 * {@code openssl pkey -pubout} writes it.
 *
 * <p>Immutable and thread-safe; equal when the 32 key bytes are equal.
 */
public final class PublicSigningKey {

    /** The length of an Ed25519 public key. */
    public static final int LENGTH = Ed25519PublicKeyParameters.KEY_SIZE;
    private static final String PEM_TYPE = "PUBLIC KEY";

    private final Ed25519PublicKeyParameters key;
    private final byte[] raw;

    private PublicSigningKey(Ed25519PublicKeyParameters key) {
        this.key = key;
        this.raw = key.getEncoded();
    }

    static PublicSigningKey of(Ed25519PublicKeyParameters key) {
        return new PublicSigningKey(key);
    }

    /**
     * The key of these 32 bytes (RFC 8032's encoding).
     *
     * @throws InvalidInputException when there are not 32 bytes
     */
    public static PublicSigningKey ofRaw(byte[] raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != LENGTH) {
            throw new InvalidInputException("an Ed25519 public key has " + LENGTH + " bytes, not " + raw.length);
        }
        try {
            return new PublicSigningKey(new Ed25519PublicKeyParameters(raw, 0));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("not an Ed25519 public key: " + e.getMessage());
        }
    }

    /**
     * The key these base64 characters encode ({@link #base64()}).
     *
     * @throws InvalidInputException when the text is not base64 of 32 bytes
     */
    public static PublicSigningKey ofBase64(String base64) {
        try {
            return ofRaw(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("not a base64 Ed25519 public key: " + e.getMessage());
        }
    }

    /**
     * The key in a PEM text ({@code PUBLIC KEY}).
     *
     * @throws InvalidInputException when the text holds no PEM public key, or one that is not Ed25519
     */
    public static PublicSigningKey parsePem(String pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("not a PEM public key: " + e.getMessage());
        }
        if (object == null || !PEM_TYPE.equals(object.getType())) {
            throw new InvalidInputException("not a PEM public key: expected a '-----BEGIN " + PEM_TYPE
                    + "-----' block" + (object == null ? "" : ", found '" + object.getType() + "'"));
        }
        AsymmetricKeyParameter parameters;
        try {
            parameters = PublicKeyFactory.createKey(object.getContent());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("not a valid public key: " + e.getMessage());
        }
        if (!(parameters instanceof Ed25519PublicKeyParameters ed25519)) {
            throw new InvalidInputException("not an Ed25519 public key: " + algorithm(parameters));
        }
        return new PublicSigningKey(ed25519);
    }

    /** The algorithm of key parameters other than Ed25519's, for messages: {@code RSA}, {@code EC}, ... */
    static String algorithm(AsymmetricKeyParameter parameters) {
        return parameters.getClass().getSimpleName().replace("PublicKeyParameters", "")
                .replace("PrivateKeyParameters", "").replace("PrivateCrtKeyParameters", "").replace("KeyParameters", "");
    }

    /**
     * The key in a PEM file.
     *
     * @throws InvalidInputException naming the file when it cannot be read or holds no Ed25519 public key
     */
    public static PublicSigningKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the public key file " + file + ": " + e);
        }
        try {
            return parsePem(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    /** The key as PEM text ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo), ending in a newline. */
    public String pem() {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(PEM_TYPE,
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key).getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a public key", e);
        }
        return text.toString();
    }

    /** The key's 32 bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The key's 32 bytes in base64 (as they travel in enrolment records). */
    public String base64() {
        return Base64.getEncoder().encodeToString(raw);
    }

    /** {@code SHA256:} and the base64 of the key's SHA-256 (as OpenSSH shows keys): short, for messages. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicSigningKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "Ed25519 " + fingerprint();
    }
}
