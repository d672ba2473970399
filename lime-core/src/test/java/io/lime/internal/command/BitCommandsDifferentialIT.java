package io.lime.internal.command;

import io.lime.testing.Differential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SETBIT GETBIT BITCOUNT BITPOS BITOP BITFIELD BITFIELD_RO, options and errors included,
 * compared byte for byte with a real redis-server 7.0 under RESP2 and RESP3, with the
 * resulting bytes (GET), lengths and encodings.
 */
class BitCommandsDifferentialIT {
  @RegisterExtension static final Differential diff = Differential.perClass();

  private static String[] c(String... args) {
    return args;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setbitGetbit_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SETBIT", "b", "7", "1"), c("GET", "b"), c("OBJECT", "ENCODING", "b"),
        c("SETBIT", "b", "7", "1"), c("SETBIT", "b", "7", "0"), c("SETBIT", "b", "100", "0"),
        c("STRLEN", "b"), c("GET", "b"), c("GETBIT", "b", "7"), c("GETBIT", "b", "100"),
        c("GETBIT", "b", "100000"), c("GETBIT", "missing", "3"),
        c("SET", "i", "12345"), c("OBJECT", "ENCODING", "i"), c("GETBIT", "i", "2"),
        c("GETBIT", "i", "3"), c("GETBIT", "i", "39"), c("GETBIT", "i", "40"),
        c("OBJECT", "ENCODING", "i"), c("SETBIT", "i", "0", "1"), c("GET", "i"),
        c("OBJECT", "ENCODING", "i"),
        c("SET", "e", "abc"), c("SETBIT", "e", "1", "0"), c("OBJECT", "ENCODING", "e"),
        c("GET", "e"),
        c("SETBIT", "b", "-1", "1"), c("SETBIT", "b", "x", "1"), c("SETBIT", "b", "1", "2"),
        c("SETBIT", "b", "1", "-1"), c("SETBIT", "b", "1", "x"), c("SETBIT", "b", "1", ""),
        c("SETBIT", "b", "4294967296", "1"), c("GETBIT", "b", "4294967296"),
        c("GETBIT", "b", "-1"), c("GETBIT", "b", "1.5"),
        c("LPUSH", "l", "x"), c("SETBIT", "l", "1", "1"), c("GETBIT", "l", "1"),
        c("SETBIT", "l", "-1", "1"), c("SETBIT", "l", "1", "3"), c("GETBIT", "l", "x"),
        c("SETBIT"), c("SETBIT", "b", "1"), c("GETBIT", "b"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void setbit_offsetBoundedByProtoMaxBulkLen(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("CONFIG", "SET", "proto-max-bulk-len", "1mb"),
        c("SETBIT", "b", "8388607", "1"), c("STRLEN", "b"), c("SETBIT", "b", "8388608", "1"),
        c("GETBIT", "b", "8388608"), c("BITFIELD", "b", "SET", "u8", "#1048575", "1"),
        c("BITFIELD", "b", "SET", "u8", "#1048576", "1"),
        c("BITFIELD", "b", "GET", "u8", "8388608"), c("BITCOUNT", "b"), c("DEL", "b"),
        c("CONFIG", "SET", "proto-max-bulk-len", "512mb"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void bitcount_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "s", "foobar-and-some-longer-text-for-the-word-loop"), c("BITCOUNT", "s"),
        c("BITCOUNT", "s", "0", "0"), c("BITCOUNT", "s", "1", "1"), c("BITCOUNT", "s", "1", "-2"),
        c("BITCOUNT", "s", "-3", "-1"), c("BITCOUNT", "s", "-1", "-3"),
        c("BITCOUNT", "s", "5", "2"), c("BITCOUNT", "s", "-100", "100"),
        c("BITCOUNT", "s", "0", "-1", "BYTE"), c("BITCOUNT", "s", "0", "-1", "bit"),
        c("BITCOUNT", "s", "1", "5", "BIT"), c("BITCOUNT", "s", "5", "30", "BIT"),
        c("BITCOUNT", "s", "-5", "-1", "BIT"), c("BITCOUNT", "s", "3", "3", "BIT"),
        c("BITCOUNT", "s", "9", "2", "BIT"), c("BITCOUNT", "s", "-1", "-9", "BIT"),
        c("BITCOUNT", "s", "0", "1000", "BIT"),
        c("SET", "i", "-987654"), c("BITCOUNT", "i"), c("BITCOUNT", "i", "1", "3", "BIT"),
        c("BITCOUNT", "missing"), c("BITCOUNT", "missing", "a", "b"),
        c("BITCOUNT", "missing", "0"), c("BITCOUNT", "s", "0"), c("BITCOUNT", "s", "a", "1"),
        c("BITCOUNT", "s", "0", "b"), c("BITCOUNT", "s", "0", "1", "WORD"),
        c("BITCOUNT", "s", "0", "1", "BIT", "x"), c("SET", "empty", ""), c("BITCOUNT", "empty"),
        c("BITCOUNT", "empty", "0", "-1"), c("HSET", "h", "f", "v"), c("BITCOUNT", "h"),
        c("BITCOUNT", "h", "x", "y"), c("BITCOUNT"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void bitpos_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "a", "\u0000\u0000\u00ff\u00f0"), c("SET", "ones", "\u00ff\u00ff\u00ff"),
        c("SET", "z", "\u0000\u0000\u0000"), c("SET", "i", "90"),
        c("BITPOS", "a", "1"), c("BITPOS", "a", "0"), c("BITPOS", "ones", "0"),
        c("BITPOS", "ones", "1"), c("BITPOS", "z", "1"), c("BITPOS", "z", "0"),
        c("BITPOS", "i", "1"), c("BITPOS", "i", "0"),
        c("BITPOS", "a", "1", "2"), c("BITPOS", "a", "1", "3"), c("BITPOS", "a", "1", "-1"),
        c("BITPOS", "ones", "0", "1"), c("BITPOS", "ones", "0", "0", "-1"),
        c("BITPOS", "ones", "0", "1", "1"), c("BITPOS", "z", "1", "0", "-1"),
        c("BITPOS", "a", "0", "2", "-1"), c("BITPOS", "a", "0", "2", "3"),
        c("BITPOS", "a", "1", "7", "15", "BIT"), c("BITPOS", "a", "1", "17", "23", "BIT"),
        c("BITPOS", "a", "0", "16", "27", "BIT"), c("BITPOS", "a", "0", "16", "31", "BIT"),
        c("BITPOS", "a", "1", "28", "31", "BIT"), c("BITPOS", "ones", "0", "3", "5", "BIT"),
        c("BITPOS", "ones", "0", "3", "-1", "BIT"), c("BITPOS", "ones", "0", "3", "-1", "byte"),
        c("BITPOS", "z", "1", "3", "20", "bit"), c("BITPOS", "z", "0", "3", "20", "bit"),
        c("BITPOS", "a", "1", "5", "2"), c("BITPOS", "a", "1", "5", "2", "BIT"),
        c("BITPOS", "a", "0", "-100", "100", "BIT"), c("BITPOS", "a", "1", "-3", "-1", "BIT"),
        c("BITPOS", "ones", "0", "9", "9", "BIT"), c("BITPOS", "ones", "0", "9", "10", "BIT"),
        c("BITPOS", "ones", "0", "9", "BIT"), c("SET", "empty", ""), c("BITPOS", "empty", "0"),
        c("BITPOS", "empty", "1"), c("BITPOS", "empty", "0", "0", "-1"),
        c("BITPOS", "missing", "1"), c("BITPOS", "missing", "0"),
        c("BITPOS", "missing", "1", "x"), c("BITPOS", "missing", "2"),
        c("BITPOS", "a", "2"), c("BITPOS", "a", "x"), c("BITPOS", "a", "1", "x"),
        c("BITPOS", "a", "1", "0", "x"), c("BITPOS", "a", "1", "0", "1", "WORD"),
        c("BITPOS", "a", "1", "0", "1", "BIT", "x"), c("HSET", "h", "f", "v"),
        c("BITPOS", "h", "1"), c("BITPOS", "h", "1", "x"), c("BITPOS", "a"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void bitop_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("SET", "a", "abcdef"), c("SET", "b", "xyz"), c("SET", "n", "1234"),
        c("BITOP", "AND", "d", "a", "b"), c("GET", "d"), c("OBJECT", "ENCODING", "d"),
        c("BITOP", "or", "d", "a", "b", "missing"), c("GET", "d"),
        c("BITOP", "XOR", "d", "a", "b", "n"), c("GET", "d"),
        c("BITOP", "NOT", "d", "a"), c("GET", "d"), c("BITOP", "NOT", "d", "n"), c("GET", "d"),
        c("BITOP", "AND", "d", "a", "missing"), c("GET", "d"), c("STRLEN", "d"),
        c("SET", "t", "x", "EX", "100"), c("BITOP", "OR", "t", "a"), c("TTL", "t"),
        c("BITOP", "AND", "d", "missing", "missing2"), c("EXISTS", "d"),
        c("BITOP", "AND", "d", "missing"), c("SET", "empty", ""),
        c("BITOP", "OR", "d", "empty"), c("EXISTS", "d"),
        c("BITOP", "NOT", "d", "a", "b"), c("BITOP", "NAND", "d", "a"),
        c("LPUSH", "l", "x"), c("BITOP", "AND", "d", "a", "l"), c("BITOP", "AND", "l", "a"),
        c("TYPE", "l"), c("BITOP", "AND", "d"), c("BITOP", "AND"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void bitfield_identical(int resp) {
    diff.reset(resp);
    diff.checkAll(
        c("BITFIELD", "f", "SET", "i8", "0", "100", "GET", "i8", "0", "GET", "u4", "0"),
        c("GET", "f"), c("OBJECT", "ENCODING", "f"),
        c("BITFIELD", "f", "INCRBY", "i8", "0", "100", "INCRBY", "i8", "0", "-300"),
        c("BITFIELD", "f", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "1000", "INCRBY", "u8",
            "8", "-5", "INCRBY", "u8", "8", "300"),
        c("BITFIELD", "f", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "1000", "SET", "u2", "9",
            "7", "GET", "u63", "0"),
        c("BITFIELD", "f", "SET", "i64", "#2", "-9223372036854775808", "GET", "i64", "#2",
            "INCRBY", "i64", "#2", "-1", "OVERFLOW", "SAT", "INCRBY", "i64", "#2", "-5",
            "OVERFLOW", "fail", "incrby", "i64", "#2", "9223372036854775807",
            "INCRBY", "i64", "#2", "1"),
        c("BITFIELD", "f", "SET", "u63", "3", "-1", "GET", "u63", "3", "SET", "i5", "100", "-17",
            "GET", "i5", "100", "SET", "u1", "#7", "2"),
        c("GET", "f"), c("STRLEN", "f"),
        c("SET", "n", "12"), c("BITFIELD", "n", "GET", "u8", "0", "GET", "i16", "4"),
        c("OBJECT", "ENCODING", "n"), c("BITFIELD", "n", "INCRBY", "u8", "0", "1"),
        c("GET", "n"), c("OBJECT", "ENCODING", "n"),
        c("BITFIELD", "missing", "GET", "u8", "0"), c("EXISTS", "missing"),
        c("BITFIELD", "missing"), c("BITFIELD", "f"),
        c("BITFIELD", "fail", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "100"),
        c("EXISTS", "fail"), c("GET", "fail"),
        c("BITFIELD_RO", "f", "GET", "i8", "0", "GET", "u8", "#3"),
        c("BITFIELD_RO", "missing", "GET", "i8", "0"),
        c("BITFIELD_RO", "f", "GET", "i8", "0", "SET", "i8", "0", "1"),
        c("BITFIELD_RO", "f", "INCRBY", "i8", "0", "1"),
        c("BITFIELD_RO", "f", "OVERFLOW", "SAT"), c("BITFIELD_RO", "f", "GET", "i8"),
        c("BITFIELD", "f", "GET", "u64", "0"), c("BITFIELD", "f", "GET", "i65", "0"),
        c("BITFIELD", "f", "GET", "i0", "0"), c("BITFIELD", "f", "GET", "x8", "0"),
        c("BITFIELD", "f", "GET", "i", "0"), c("BITFIELD", "f", "GET", "", "0"),
        c("BITFIELD", "f", "GET", "u8", "-1"), c("BITFIELD", "f", "GET", "u8", "#-1"),
        c("BITFIELD", "f", "GET", "u8", "x"), c("BITFIELD", "f", "GET", "u8", "#"),
        c("BITFIELD", "f", "GET", "u8", "##1"), c("BITFIELD", "f", "SET", "u8", "0", "x"),
        c("BITFIELD", "f", "SET", "u8", "0"), c("BITFIELD", "f", "INCRBY", "u8"),
        c("BITFIELD", "f", "OVERFLOW", "NOPE", "GET", "u8", "0"),
        c("BITFIELD", "f", "OVERFLOW"), c("BITFIELD", "f", "GET", "u8", "0", "FOO"),
        c("BITFIELD", "f", "SET", "u8", "0", "1", "GET", "x8", "0"),
        c("BITFIELD", "f", "GET", "u8", "4294967296"),
        c("LPUSH", "l", "x"), c("BITFIELD", "l", "GET", "u8", "0"),
        c("BITFIELD", "l", "SET", "u8", "0", "1"), c("BITFIELD_RO", "l", "GET", "u8", "0"),
        c("BITFIELD"), c("BITFIELD_RO"));
  }
}
