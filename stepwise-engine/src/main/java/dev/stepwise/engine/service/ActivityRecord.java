package dev.stepwise.engine.service;

import java.time.Instant;

/** An activity as DescribeActivity shows it. */
public record ActivityRecord(String arn, String name, Instant creationDate) {}
