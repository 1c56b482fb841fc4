import socket

HOST = 'localhost'   # 主机名或IP地址
PORT = 8888         # 端口号
BUFFER_SIZE = 1024  # 缓冲区大小
ADDRESS = (HOST, PORT)

# 创建socket对象
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

# 绑定IP地址和端口
s.bind((HOST, PORT))

# 设置最大连接数
s.listen(5)

while True:
    print('Waiting for connection...')

    # 接受新连接
    conn, addr = s.accept()
    
    try:
        while True:
            # 接收客户端发送的数据
            data = conn.recv(BUFFER_SIZE).decode()

            if not data:
                break
            
            # 对接收到的数据进行处理
            response = 'Hello client! You sent me "{}".'.format(data)

            # 发送响应数据
            conn.sendall(response.encode())
            
    except ConnectionResetError:
        pass
        
    finally:
        # 关闭连接
        conn.close()
        
# 关闭服务器
s.close()
