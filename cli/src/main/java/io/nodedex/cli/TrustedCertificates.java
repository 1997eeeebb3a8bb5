package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS context that trusts the certificates of one PEM file ({@code --ca-cert FILE}) and nothing
 * else: the authority that signed the server's certificate (or that certificate itself). The
 * JDK reads the PEM; the server's name is still checked against the certificate.
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * @throws InvalidInputException naming the file when it cannot be read or holds no certificate
     */
    static SSLContext of(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("--ca-cert " + pem + " does not exist");
        } catch (IOException e) {
            throw new InvalidInputException("--ca-cert " + pem + " cannot be read: " + e);
        } catch (CertificateException e) {
            throw new InvalidInputException("--ca-cert " + pem + " holds no PEM certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new InvalidInputException("--ca-cert " + pem + " holds no PEM certificate ('BEGIN CERTIFICATE')");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context trusting " + pem + ": " + e, e);
        }
    }
}
