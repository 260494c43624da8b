package dev.stepwise.security.sigv4;

import dev.stepwise.security.sigv4.Verification.Authenticated;
import dev.stepwise.security.sigv4.Verification.Rejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code Authorization: AWS4-HMAC-SHA256 ...}) on requests to the
 * Step Functions API, answering with AWS's error codes and messages.
 *
 * <p>Checks, in order: an Authorization header is present; it parses into Credential, SignedHeaders
 * and Signature, and X-Amz-Date is present; the credential scope names the {@code states} service,
 * an allowed region and the {@code aws4_request} terminator; {@code host} and {@code x-amz-date}
 * are signed; X-Amz-Date is well formed and on the scope's day; no session token (temporary
 * credentials are not supported); the key is known; the date is within 15 minutes of now;
 * X-Amz-Content-Sha256, if sent, is the body's hash; the signature matches (compared in constant
 * time). Presigned URLs (signature in the query) are not accepted.
 */
public final class SigV4Verifier {
  /** The signing name of Step Functions. */
  public static final String SERVICE = "states";

  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** How far a request's date may be from the server's clock, either way. */
  public static final Duration MAX_SKEW = Duration.ofMinutes(15);

  public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
  public static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
  public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
  public static final String INVALID_SIGNATURE = "InvalidSignatureException";

  static final String SIGNATURE_MISMATCH =
      "The request signature we calculated does not match the signature you provided. Check your"
          + " AWS Secret Access Key and signing method. Consult the service documentation for"
          + " details.";
  static final String INVALID_TOKEN = "The security token included in the request is invalid.";

  private static final String TERMINATOR = "aws4_request";
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final HexFormat HEX = HexFormat.of();

  private final AccessKeys keys;
  private final InstantSource clock;
  private final Predicate<String> regionAllowed;

  public SigV4Verifier(AccessKeys keys, InstantSource clock, Predicate<String> regionAllowed) {
    this.keys = Objects.requireNonNull(keys, "keys == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.regionAllowed = Objects.requireNonNull(regionAllowed, "regionAllowed == null");
  }

  public Verification verify(HttpRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return new Rejected(MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token", 403);
    }
    String amzDate = request.header("X-Amz-Date");

    // Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...
    String[] tokens = authorization.strip().split("[,\\s]+");
    String algorithm = tokens[0];
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 1; i < tokens.length; i++) {
      int eq = tokens[i].indexOf('=');
      if (eq < 0) {
        return incomplete(
            "'"
                + tokens[i]
                + "' not a valid key=value pair (missing equal-sign) in Authorization header: '"
                + authorization
                + "'.");
      }
      params.putIfAbsent(tokens[i].substring(0, eq), tokens[i].substring(eq + 1));
    }
    StringBuilder missing = new StringBuilder();
    for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
      if (params.getOrDefault(name, "").isEmpty()) {
        missing.append("Authorization header requires '").append(name).append("' parameter. ");
      }
    }
    if (amzDate == null) {
      missing.append(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (!missing.isEmpty()) {
      return incomplete(missing + "Authorization=" + authorization);
    }
    if (!algorithm.equals(ALGORITHM)) {
      return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    // Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request
    String credential = params.get("Credential");
    String[] scope = credential.split("/", -1);
    if (scope.length != 5) {
      return incomplete(
          "Credential must have exactly 5 slash-delimited elements, e.g."
              + " keyid/date/region/service/term, got '"
              + credential
              + "'");
    }
    String keyId = scope[0];
    String scopeDate = scope[1];
    String region = scope[2];
    if (!scope[3].equals(SERVICE)) {
      return invalid("Credential should be scoped to correct service: '" + SERVICE + "'. ");
    }
    if (!regionAllowed.test(region)) {
      return invalid("Credential should be scoped to a valid region, not '" + region + "'. ");
    }
    if (!scope[4].equals(TERMINATOR)) {
      return invalid(
          "Credential should be scoped with a valid terminator: '"
              + TERMINATOR
              + "', not '"
              + scope[4]
              + "'. ");
    }

    List<String> signedHeaders = new ArrayList<>();
    for (String name : params.get("SignedHeaders").split(";")) {
      signedHeaders.add(name.toLowerCase(Locale.ROOT));
    }
    if (!signedHeaders.contains("host")) {
      return incomplete(
          "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }
    if (!signedHeaders.contains("x-amz-date")) {
      return incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
    }

    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return incomplete(
          "Date must be in ISO-8601 'basic format'. Got '"
              + amzDate
              + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
    if (!amzDate.startsWith(scopeDate) || scopeDate.length() != 8) {
      return invalid(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + scopeDate
              + "' != '"
              + amzDate.substring(0, 8)
              + "', from '"
              + amzDate
              + "'.");
    }

    if (request.header("X-Amz-Security-Token") != null) {
      return new Rejected(UNRECOGNIZED_CLIENT, INVALID_TOKEN, 400);
    }
    Optional<AccessKey> key = keys.byId(keyId);
    if (key.isEmpty()) {
      return new Rejected(UNRECOGNIZED_CLIENT, INVALID_TOKEN, 400);
    }

    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant earliest = now.minus(MAX_SKEW);
    Instant latest = now.plus(MAX_SKEW);
    String skew = MAX_SKEW.toMinutes() + " min.)";
    if (signedAt.isBefore(earliest)) {
      return invalid(
          "Signature expired: "
              + format(signedAt)
              + " is now earlier than "
              + format(earliest)
              + " ("
              + format(now)
              + " - "
              + skew);
    }
    if (signedAt.isAfter(latest)) {
      return invalid(
          "Signature not yet current: "
              + format(signedAt)
              + " is still later than "
              + format(latest)
              + " ("
              + format(now)
              + " + "
              + skew);
    }

    String payloadHash = CanonicalRequest.sha256Hex(request.body());
    String declaredHash = request.header("X-Amz-Content-Sha256");
    if (declaredHash != null && !declaredHash.equals(payloadHash)) {
      return invalid(SIGNATURE_MISMATCH);
    }

    String canonical = CanonicalRequest.build(request, signedHeaders, payloadHash);
    String credentialScope = scopeDate + "/" + region + "/" + SERVICE + "/" + TERMINATOR;
    String stringToSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + credentialScope
            + "\n"
            + CanonicalRequest.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    String expected = signature(key.get().secret(), scopeDate, region, stringToSign);
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        params.get("Signature").getBytes(StandardCharsets.US_ASCII))) {
      return invalid(SIGNATURE_MISMATCH);
    }
    return new Authenticated(key.get().principalArn(), keyId, region);
  }

  private static String signature(String secret, String date, String region, String stringToSign) {
    byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmac(k, region);
    k = hmac(k, SERVICE);
    k = hmac(k, TERMINATOR);
    return HEX.formatHex(hmac(k, stringToSign));
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  private static String format(Instant instant) {
    return AMZ_DATE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  private static Rejected incomplete(String message) {
    return new Rejected(INCOMPLETE_SIGNATURE, message, 400);
  }

  private static Rejected invalid(String message) {
    return new Rejected(INVALID_SIGNATURE, message, 400);
  }
}
