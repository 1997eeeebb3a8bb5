package io.nodedex.event.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 keys in the PEM files OpenSSL and the JDK read and write, checked against RFC 8032's test vector. */
class SigningKeyTest {

    /** RFC 8032, section 7.1, test 1: the secret key in PKCS#8 (RFC 8410), its public key, its signature of "". */
    private static final String RFC_8032_PRIVATE_PEM = """
            -----BEGIN PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
            -----END PRIVATE KEY-----
            """;
    private static final String RFC_8032_PUBLIC_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
            -----END PUBLIC KEY-----
            """;
    private static final String RFC_8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_8032_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @TempDir
    Path directory;

    @Test
    void aPkcs8PemKeySignsAsRfc8032Says() {
        SigningKey key = SigningKey.parsePem(RFC_8032_PRIVATE_PEM);

        assertThat(HexFormat.of().formatHex(key.publicKey().raw())).isEqualTo(RFC_8032_PUBLIC);
        assertThat(HexFormat.of().formatHex(key.sign(new byte[0]))).isEqualTo(RFC_8032_SIGNATURE);
        assertThat(SigningKey.parsePem(key.pem()).sign(new byte[0])).as("written and read back")
                .isEqualTo(key.sign(new byte[0]));
    }

    @Test
    void thePublicKeyIsReadAndWrittenAsSubjectPublicKeyInfoPem() {
        PublicSigningKey key = PublicSigningKey.parsePem(RFC_8032_PUBLIC_PEM);

        assertThat(HexFormat.of().formatHex(key.raw())).isEqualTo(RFC_8032_PUBLIC);
        assertThat(key.pem()).isEqualTo(RFC_8032_PUBLIC_PEM);
        assertThat(key.verifies(new byte[0], HexFormat.of().parseHex(RFC_8032_SIGNATURE))).isTrue();
        assertThat(key.verifies(new byte[] {0}, HexFormat.of().parseHex(RFC_8032_SIGNATURE))).isFalse();
        assertThat(key.fingerprint()).startsWith("SHA256:").hasSize(7 + 43);
    }

    @Test
    void aKeyTheJdkMadeSignsWhatTheJdkVerifies() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        byte[] message = "nodedex".getBytes();

        byte[] signature = SigningKey.parsePem(pem).sign(message);

        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        assertThat(verifier.verify(signature)).isTrue();
    }

    @Test
    void aCreatedKeyIsReadableByItsOwnerOnlyAndReadBackUnchanged() throws Exception {
        Path privateFile = directory.resolve("state/host-key.pem");
        Path publicFile = directory.resolve("state/host-key.pub.pem");

        SigningKey created = SigningKey.readOrCreate(privateFile, publicFile);
        SigningKey again = SigningKey.readOrCreate(privateFile, publicFile);

        assertThat(again.publicKey()).isEqualTo(created.publicKey());
        assertThat(PublicSigningKey.read(publicFile)).isEqualTo(created.publicKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(privateFile)
                .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        assertThat(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)).getAlgorithm())
                .as("the JDK reads the file as PKCS#8").isEqualTo("EdDSA");
        assertThat(created.toString()).doesNotContain(Files.readString(privateFile).lines().skip(1).findFirst()
                .orElseThrow());
    }

    @Test
    void aKeyFileIsNeverReplaced() {
        Path privateFile = directory.resolve("admin.pem");
        SigningKey.generate().write(privateFile, directory.resolve("admin.pub.pem"));

        assertThatThrownBy(() -> SigningKey.generate().write(privateFile, directory.resolve("other.pub.pem")))
                .hasMessageContaining("cannot write the private key to " + privateFile)
                .hasMessageContaining("a key file is never replaced");
    }

    @Test
    void anythingButAnEd25519KeyIsRefusedNamingTheFile() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Path rsaFile = directory.resolve("rsa.pem");
        Files.writeString(rsaFile, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Path garbage = directory.resolve("garbage.pem");
        Files.writeString(garbage, "hello\n");

        assertThatThrownBy(() -> PublicSigningKey.read(rsaFile)).isInstanceOf(InvalidInputException.class)
                .hasMessage(rsaFile + ": not an Ed25519 public key: RSA");
        assertThatThrownBy(() -> PublicSigningKey.read(garbage)).isInstanceOf(InvalidInputException.class)
                .hasMessage(garbage + ": not a PEM public key: expected a '-----BEGIN PUBLIC KEY-----' block");
        assertThatThrownBy(() -> SigningKey.read(directory.resolve("missing.pem")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot read the private key file " + directory.resolve("missing.pem"));
        assertThatThrownBy(() -> SigningKey.parsePem(RFC_8032_PUBLIC_PEM)).isInstanceOf(InvalidInputException.class)
                .hasMessage("not a PEM private key: expected a '-----BEGIN PRIVATE KEY-----' block (PKCS#8), found"
                        + " 'PUBLIC KEY'");
    }
}
