import socket

HOST = 'localhost'    # 主机名或IP地址
PORT = 8888          # 端口号
MESSAGE = "Hello server!"
BUFFER_SIZE = 1024   # 缓冲区大小

# 创建socket对象
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

try:
    # 建立连接
    s.connect((HOST, PORT))
    
    # 向服务器发送数据
    s.sendall(MESSAGE.encode())

    # 接收服务器响应的数据
    data = s.recv(BUFFER_SIZE).decode()

    print('Server said:', data)
    
finally:
    # 关闭连接
    s.close()
