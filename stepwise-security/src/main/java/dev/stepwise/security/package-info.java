/**
 * Security for Stepwise, as pure logic: the IAM policy language ({@code policy}), roles and their
 * configuration file ({@code role}), SigV4 request verification ({@code sigv4}) and the
 * least-privilege policy generator for state machine definitions ({@code generator}). Nothing here
 * opens a socket, touches a database or keeps static mutable state; time comes from an injected
 * {@link java.time.InstantSource}.
 */
package dev.stepwise.security;
