package dev.stepwise.api;

import dev.stepwise.engine.service.ServiceException;
import org.jspecify.annotations.Nullable;

/**
 * ListExecutions' Map Run members: {@code mapRunArn} and the {@code PENDING_REDRIVE} status, which
 * only a Map Run's children have (spec distributed-map-redrive-teststate §2.3). Stepwise has no Map
 * Runs yet (Distributed Map items run inline), so a {@code mapRunArn} names none.
 */
final class RedriveListing {
  private RedriveListing() {}

  /** [INFER] The texts of these refusals are not recorded. */
  static void check(Request r, @Nullable String stateMachineArn, @Nullable String mapRunArn)
      throws ApiError, ServiceException {
    boolean pendingRedrive = "PENDING_REDRIVE".equals(r.body().path("statusFilter").asText(null));
    if (stateMachineArn != null && mapRunArn != null) {
      throw ApiError.validation("Specify either a stateMachineArn or a mapRunArn, not both");
    }
    if (pendingRedrive && mapRunArn == null) {
      throw ApiError.validation(
          "The PENDING_REDRIVE status filter can only be used with a mapRunArn");
    }
    if (mapRunArn != null) {
      throw new ServiceException(
          "ResourceNotFound", "Resource not found: '" + mapRunArn + "'", mapRunArn);
    }
  }
}
