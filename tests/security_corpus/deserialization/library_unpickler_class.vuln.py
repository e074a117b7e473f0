import io
import pickle


def load_message(data: bytes):
    return pickle.Unpickler(io.BytesIO(data)).load()
