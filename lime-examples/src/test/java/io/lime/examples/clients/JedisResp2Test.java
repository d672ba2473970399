package io.lime.examples.clients;

import redis.clients.jedis.RedisProtocol;

/** {@link JedisSuite} over RESP2 (Jedis's default). */
class JedisResp2Test extends JedisSuite {
  @Override
  RedisProtocol protocol() {
    return RedisProtocol.RESP2;
  }
}
