package io.nodedex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nodedex.device.InvalidInputException;
import org.junit.jupiter.api.Test;

class LibvirtLibraryTest {

    @Test
    void an_installed_libvirt_passes_the_check() {
        assertThatCode(LibvirtLibrary::requireInstalled).doesNotThrowAnyException();
    }

    @Test
    void a_missing_library_is_one_sentence_naming_it_and_the_command_that_installs_it() {
        assertThatThrownBy(() -> LibvirtLibrary.requireInstalled("libvirt-absent-for-this-test.so.0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("libvirt-absent-for-this-test.so.0 is not installed")
                .hasMessageContaining("apt-get install libvirt-clients")
                .hasMessageContaining("--no-libvirt")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
