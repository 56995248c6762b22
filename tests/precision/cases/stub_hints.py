import colorama
import docker.errors
import grpc
from gevent import pool
import six
