package io.nodedex.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The token file: one {@code <sha256-hex> <role> <name>} a line, comments and blank lines ignored. */
class TokenFileTest {

    /** SHA-256 of the four bytes "test", as sha256sum prints it. */
    private static final String SHA256_OF_TEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    /** SHA-256 of "hello". */
    private static final String SHA256_OF_HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("tokens"), text);
    }

    @Test
    void readsEveryTokenWithItsRoleAndNameSkippingCommentsAndBlankLines() throws IOException {
        Path file = file("# who may call the API\n\n" + SHA256_OF_TEST + " read dashboard\n"
                + "   " + SHA256_OF_HELLO.toUpperCase() + "\tadmin\t  ops-alice   # on call\n  \n");

        List<TokenFile.Token> tokens = TokenFile.read(file);

        assertThat(tokens).extracting(TokenFile.Token::name).containsExactly("dashboard", "ops-alice");
        assertThat(tokens).extracting(TokenFile.Token::role).containsExactly(Role.READ, Role.ADMIN);
        assertThat(tokens).extracting(token -> HexFormat.of().formatHex(token.sha256()))
                .containsExactly(SHA256_OF_TEST, SHA256_OF_HELLO);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '~', value = {
        "HASH read                 ~ :2: expected 3 fields '<sha256-hex-of-token> <read|admin> <name>', found 2",
        "HASH read ci extra        ~ :2: expected 3 fields",
        "s3cr3t-token read ci      ~ :2: the first field must be the SHA-256 of the token as 64 hex digits"
            + " (printf %s TOKEN | sha256sum); it has 12 characters, not all hex",
        "HASHab read ci            ~ :2: the first field must be the SHA-256 of the token as 64 hex digits",
        "HASH write ci             ~ :2: unknown role 'write'; the roles are read and admin",
        "HASH anyone ci            ~ :2: unknown role 'anyone'",
        "HASH Read ci              ~ :2: unknown role 'Read'"})
    void aMalformedLineIsRefusedNamingTheFileTheLineAndWhatIsWrong(String line, String message) throws IOException {
        Path file = file("# tokens\n" + line.replace("HASH", SHA256_OF_TEST) + "\n");

        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + message.strip());
    }

    @Test
    void aTokenPastedInPlaceOfItsHashIsNeverEchoed() throws IOException {
        Path file = file("s3cr3t-token-value read ci\n");

        assertThatThrownBy(() -> TokenFile.read(file)).hasMessageNotContaining("s3cr3t");
    }

    @Test
    void theSameTokenTwiceIsRefusedNamingBothLines() throws IOException {
        Path file = file(SHA256_OF_TEST + " read a\n# b\n" + SHA256_OF_TEST.toUpperCase() + " admin b\n");

        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: the same token hash as line 1; give each token once");
    }

    @Test
    void aFileWithoutTokensOrThatCannotBeReadIsRefusedNamingIt() throws IOException {
        Path empty = file("# nobody yet\n\n");
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> TokenFile.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("token file " + empty + " holds no token");
        assertThatThrownBy(() -> TokenFile.read(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cannot read token file " + missing);
    }
}
