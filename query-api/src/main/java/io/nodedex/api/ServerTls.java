package io.nodedex.api;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The API listener's TLS (docs/design.md, "API authentication"): Netty's server context from a
 * PEM certificate chain and its PEM PKCS#8 private key (RSA or EC), with the JDK's TLS (1.2 and
 * 1.3), checked at start to be a pair. Only loads; the handler is made per connection from the
 * context.
 */
final class ServerTls {

    /** The signature each key algorithm's pair is checked with. */
    private static final Map<String, String> SIGNATURES = Map.of("RSA", "SHA256withRSA", "EC", "SHA256withECDSA");

    private ServerTls() {
    }

    /**
     * The server context of {@code certificate} and {@code key}.
     *
     * @throws InvalidInputException naming the file that is missing, unreadable, or holds no
     *     certificate or no PKCS#8 private key
     */
    static SslContext load(Path certificate, Path key) {
        requireReadable(certificate, "TLS certificate");
        requireReadable(key, "TLS private key");
        SslContext context;
        try {
            context = SslContextBuilder.forServer(certificate.toFile(), key.toFile())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (IllegalArgumentException | SSLException e) {
            throw new InvalidInputException("cannot use the TLS certificate " + certificate + " with the key " + key
                    + ": " + reason(e) + " (expected PEM: the certificate chain, leaf first, and an unencrypted"
                    + " PKCS#8 key, 'BEGIN PRIVATE KEY'; openssl pkcs8 -topk8 -nocrypt converts others)", e);
        }
        requireMatchingKey(certificate, key);
        return context;
    }

    /**
     * The JDK's TLS takes any key with any certificate and fails only at the first handshake;
     * this refuses a key that is not the first certificate's at start: what the key signs must
     * verify with the certificate's public key. Runs after Netty has read both files as valid.
     */
    private static void requireMatchingKey(Path certificate, Path key) {
        String mismatch = "the key " + key + " is not the key of the (first) certificate in " + certificate;
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .iterator().next();
            PublicKey expected = leaf.getPublicKey();
            Optional<String> algorithm = Optional.ofNullable(SIGNATURES.get(expected.getAlgorithm()));
            if (algorithm.isEmpty()) {
                return; // a key type the check does not know; the handshake will tell
            }
            byte[] pkcs8 = pemBody(Files.readString(key, StandardCharsets.US_ASCII));
            PrivateKey privateKey = KeyFactory.getInstance(expected.getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(expected);
            verifier.update(challenge);
            if (!verifier.verify(signature)) {
                throw new InvalidInputException(mismatch);
            }
        } catch (InvalidKeySpecException | InvalidKeyException | SignatureException e) {
            throw new InvalidInputException(mismatch + " (" + e.getMessage() + ")", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidInputException("cannot use the TLS certificate " + certificate + " with the key " + key
                    + ": " + e, e);
        }
    }

    /** The DER bytes of the PEM block in {@code pem} (Netty already found exactly one key in it). */
    private static byte[] pemBody(String pem) {
        int begin = pem.indexOf('\n', pem.indexOf("-----BEGIN ")) + 1;
        int end = pem.indexOf("-----END ", begin);
        return Base64.getMimeDecoder().decode(pem.substring(begin, end));
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " " + file
                    + (Files.exists(file) ? " is not a file" : " does not exist"));
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(what + " " + file + " is not readable by this user");
        }
    }

    /** The innermost message: Netty wraps the parser's. */
    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !reason.toString().contains(cause.getMessage())) {
                reason.append(": ").append(cause.getMessage());
            }
        }
        return reason.toString();
    }
}
