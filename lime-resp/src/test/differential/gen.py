import random, os
random.seed(7)
alpha = b'*$\r\n"\'\\x -0129a\x00'
def valid_cmd():
    n = random.randint(1,3)
    args = [bytes(random.choice(b'abc\r\n*$') for _ in range(random.randint(0,5))) for _ in range(n)]
    if random.random()<0.5:
        return b'*%d\r\n'%n + b''.join(b'$%d\r\n%s\r\n'%(len(a),a) for a in args)
    return b'zz' + bytes(random.choice(b'ab "\'\\x') for _ in range(random.randint(0,8))) + b'\r\n'
os.makedirs('cases', exist_ok=True)
for i in range(400):
    r = random.random()
    if r < 0.4:
        data = bytes(random.choice(alpha) for _ in range(random.randint(1,200)))
    else:
        data = b''.join(valid_cmd() for _ in range(random.randint(1,6)))
        data = bytearray(data)
        for _ in range(random.randint(0,2)):
            if data: data[random.randrange(len(data))] = random.choice(alpha)
        data = bytes(data)
    open('cases/%03d'%i,'wb').write(data)
