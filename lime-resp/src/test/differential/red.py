import socket, os, concurrent.futures as cf
def run(name):
    data = open('cases/'+name,'rb').read()
    s = socket.create_connection(("127.0.0.1",16399)); s.settimeout(0.3); s.sendall(data)
    out=b''
    try:
        while True:
            d=s.recv(65536)
            if not d: break
            out+=d
    except socket.timeout: pass
    s.close()
    lines = out.split(b'\r\n')[:-1]
    err=''; n=0
    for ln in lines:
        if ln.startswith(b'-ERR Protocol error'): err=ln[1:].decode('latin1')
        else: n+=1
    return f"{name}|{n}|{err}"
names = sorted(os.listdir('cases'))
with cf.ThreadPoolExecutor(32) as ex:
    res = list(ex.map(run, names))
open('redis.out','w').write('\n'.join(res)+'\n')
