/**
 * A verifier asking a holder for credentials by QR code, in the shape of OpenID for Verifiable
 * Presentations 1.0: the {@link org.govledger.credentials.openid4vp.DcqlQuery} that says what is
 * asked, the signed {@link org.govledger.credentials.openid4vp.PresentationRequest} (request
 * object) a wallet fetches from the {@link org.govledger.credentials.openid4vp.RequestUri} in the
 * QR code, and the {@link org.govledger.credentials.openid4vp.VpResponse} it posts back. {@link
 * org.govledger.credentials.openid4vp.QrCodes} draws and reads the QR code; {@link
 * org.govledger.credentials.openid4vp.DcqlMatch} says which credential answers which query and
 * what to disclose. No network access here: fetching and posting are the caller's.
 */
package org.govledger.credentials.openid4vp;
