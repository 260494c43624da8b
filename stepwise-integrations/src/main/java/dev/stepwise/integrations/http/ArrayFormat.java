package dev.stepwise.integrations.http;

/** {@code Transform.RequestEncodingOptions.ArrayFormat}: how URL-encoding writes arrays. */
public enum ArrayFormat {
  /** {@code array[0]=a&array[1]=b} (AWS's default). */
  INDICES,
  /** {@code array=a&array=b}. */
  REPEAT,
  /** {@code array=a,b}. */
  COMMAS,
  /** {@code array[]=a&array[]=b}. */
  BRACKETS
}
