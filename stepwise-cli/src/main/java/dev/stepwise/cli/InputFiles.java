package dev.stepwise.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads user-named files with a size cap and one-line errors, never a stack trace. */
final class InputFiles {
  private InputFiles() {}

  /** A file that cannot be used; the message is one line for the user. */
  static final class UnreadableFileException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableFileException(String message) {
      super(message, null, false, false);
    }
  }

  /** A state machine definition: at most AWS's definition size. */
  static String readDefinition(Path file) throws UnreadableFileException {
    return read(
        file, dev.stepwise.language.parse.DefinitionParser.MAX_DEFINITION_CHARS, "definition");
  }

  /** Reads UTF-8 text of at most {@code maxChars} characters (without reading more than that). */
  static String read(Path file, int maxChars, String what) throws UnreadableFileException {
    if (Files.isDirectory(file)) {
      throw new UnreadableFileException(file + ": is a directory, not a " + what + " file");
    }
    try (InputStream in = Files.newInputStream(file);
        Reader reader =
            new java.io.InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT))) {
      char[] buffer = new char[maxChars + 1];
      int total = 0;
      int n;
      while (total < buffer.length && (n = reader.read(buffer, total, buffer.length - total)) > 0) {
        total += n;
      }
      if (total > maxChars) {
        throw new UnreadableFileException(
            file + ": larger than the " + maxChars + "-character limit for a " + what);
      }
      return new String(buffer, 0, total);
    } catch (NoSuchFileException e) {
      throw new UnreadableFileException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UnreadableFileException(file + ": permission denied");
    } catch (CharacterCodingException e) {
      throw new UnreadableFileException(file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new UnreadableFileException(file + ": cannot be read (" + e.getMessage() + ")");
    }
  }
}
