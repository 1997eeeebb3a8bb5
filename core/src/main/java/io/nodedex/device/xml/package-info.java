/**
 * Hardened parsing of libvirt node device XML ({@link io.nodedex.device.xml.NodeDeviceXml}) and
 * of libvirt test-driver host files ({@link io.nodedex.device.xml.TestDriverHostFile}) into the
 * {@link io.nodedex.device device model}.
 */
package io.nodedex.device.xml;
