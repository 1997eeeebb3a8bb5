package io.nodedex.cli;

import io.nodedex.device.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --tls-cert FILE --tls-key FILE}: the API serves HTTPS only, with this certificate and key. */
final class TlsOptions {

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "Serve the API over HTTPS only, with this PEM certificate chain (leaf first);"
                    + " needs --tls-key.")
    Optional<Path> certificate;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "The certificate's private key: PEM, unencrypted PKCS#8 ('BEGIN PRIVATE KEY'), RSA or EC.")
    Optional<Path> key;

    /**
     * Both files, or neither.
     *
     * @throws InvalidInputException when only one is given
     */
    TlsOptions requirePair() {
        if (certificate.isPresent() != key.isPresent()) {
            throw new InvalidInputException(certificate.isPresent() ? "--tls-cert needs --tls-key (the certificate's"
                    + " private key)" : "--tls-key needs --tls-cert (the certificate of the key)");
        }
        return this;
    }

    /** Whether HTTPS is asked for. */
    boolean enabled() {
        return requirePair().certificate.isPresent();
    }
}
