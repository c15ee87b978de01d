/**
 * Users, roles, login sessions and the rules every HTTP surface applies (REST, WebSocket,
 * metrics, Web Console). Implemented by the auth bundle; the web bundles only read credentials
 * from requests and ask {@link org.ucv.api.auth.AuthService}.
 */
@Export
@Version("1.0.0")
package org.ucv.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
