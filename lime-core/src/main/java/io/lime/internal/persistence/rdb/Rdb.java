package io.lime.internal.persistence.rdb;

/** RDB format constants (Redis's src/rdb.h), version 10. */
final class Rdb {
  private Rdb() {}

  /** The version written; files up to it are read. */
  static final int VERSION = 10;
  static final byte[] MAGIC = {'R', 'E', 'D', 'I', 'S'};

  // object types
  static final int TYPE_STRING = 0;
  static final int TYPE_LIST = 1;
  static final int TYPE_SET = 2;
  static final int TYPE_ZSET = 3;
  static final int TYPE_HASH = 4;
  static final int TYPE_ZSET_2 = 5;
  static final int TYPE_MODULE = 6;
  static final int TYPE_MODULE_2 = 7;
  /** Inside a module value: end of the value (rdbSaveLen of RDB_MODULE_OPCODE_EOF). */
  static final int MODULE_OPCODE_EOF = 0;
  /** Inside a module value: a string follows (RDB_MODULE_OPCODE_STRING). */
  static final int MODULE_OPCODE_STRING = 5;
  /** The characters of a module type name, in the order of their 6-bit codes (moduleTypeEncodeId). */
  static final String MODULE_NAME_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** Redis's moduleTypeEncodeId: 9 name characters of 6 bits, then a 10-bit encoding version. */
  static long moduleId(String name, int encver) {
    long id = 0;
    for (int i = 0; i < 9; i++) {
      id = (id << 6) | MODULE_NAME_CHARS.indexOf(name.charAt(i));
    }
    return (id << 10) | encver;
  }

  /** The type name of a module id (moduleTypeNameByID). */
  static String moduleName(long id) {
    char[] name = new char[9];
    long bits = id >>> 10;
    for (int i = 8; i >= 0; i--) {
      name[i] = MODULE_NAME_CHARS.charAt((int) (bits & 63));
      bits >>>= 6;
    }
    return new String(name);
  }
  static final int TYPE_HASH_ZIPMAP = 9;
  static final int TYPE_LIST_ZIPLIST = 10;
  static final int TYPE_SET_INTSET = 11;
  static final int TYPE_ZSET_ZIPLIST = 12;
  static final int TYPE_HASH_ZIPLIST = 13;
  static final int TYPE_LIST_QUICKLIST = 14;
  static final int TYPE_STREAM_LISTPACKS = 15;
  static final int TYPE_HASH_LISTPACK = 16;
  static final int TYPE_ZSET_LISTPACK = 17;
  static final int TYPE_LIST_QUICKLIST_2 = 18;
  static final int TYPE_STREAM_LISTPACKS_2 = 19;

  // opcodes
  static final int OPCODE_FUNCTION2 = 245;
  static final int OPCODE_FUNCTION = 246;
  static final int OPCODE_MODULE_AUX = 247;
  static final int OPCODE_IDLE = 248;
  static final int OPCODE_FREQ = 249;
  static final int OPCODE_AUX = 250;
  static final int OPCODE_RESIZEDB = 251;
  static final int OPCODE_EXPIRETIME_MS = 252;
  static final int OPCODE_EXPIRETIME = 253;
  static final int OPCODE_SELECTDB = 254;
  static final int OPCODE_EOF = 255;

  // length encodings
  static final int LEN_6BIT = 0;
  static final int LEN_14BIT = 1;
  static final int LEN_32BIT = 0x80;
  static final int LEN_64BIT = 0x81;
  static final int ENCVAL = 3;
  static final int ENC_INT8 = 0;
  static final int ENC_INT16 = 1;
  static final int ENC_INT32 = 2;
  static final int ENC_LZF = 3;

  /** Quicklist node containers (RDB_TYPE_LIST_QUICKLIST_2). */
  static final int QUICKLIST_NODE_PLAIN = 1;
  static final int QUICKLIST_NODE_PACKED = 2;
}
