"""The Flask extensions, created unbound here and bound to the app in create_app()."""

from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_wtf import CSRFProtect

from models import db

migrate = Migrate()
socketio = SocketIO()
babel = Babel()
csrf = CSRFProtect()
login_manager = LoginManager()

__all__ = ["db", "migrate", "socketio", "babel", "csrf", "login_manager"]
