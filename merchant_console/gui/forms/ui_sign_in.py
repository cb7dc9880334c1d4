# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'sign_in.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_SignInDialog(object):
    def setupUi(self, SignInDialog):
        if not SignInDialog.objectName():
            SignInDialog.setObjectName(u"SignInDialog")
        SignInDialog.resize(520, 360)
        self.layout = QVBoxLayout(SignInDialog)
        self.layout.setObjectName(u"layout")
        self.welcomeLabel = QLabel(SignInDialog)
        self.welcomeLabel.setObjectName(u"welcomeLabel")
        self.welcomeLabel.setWordWrap(True)

        self.layout.addWidget(self.welcomeLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.profileLabel = QLabel(SignInDialog)
        self.profileLabel.setObjectName(u"profileLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.profileLabel)

        self.profileCombo = QComboBox(SignInDialog)
        self.profileCombo.setObjectName(u"profileCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.profileCombo)

        self.urlLabel = QLabel(SignInDialog)
        self.urlLabel.setObjectName(u"urlLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.urlLabel)

        self.urlEdit = QLineEdit(SignInDialog)
        self.urlEdit.setObjectName(u"urlEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.urlEdit)

        self.tokenLabel = QLabel(SignInDialog)
        self.tokenLabel.setObjectName(u"tokenLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.tokenLabel)

        self.tokenEdit = QLineEdit(SignInDialog)
        self.tokenEdit.setObjectName(u"tokenEdit")
        self.tokenEdit.setEchoMode(QLineEdit.Password)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.tokenEdit)


        self.layout.addLayout(self.form)

        self.keychainLabel = QLabel(SignInDialog)
        self.keychainLabel.setObjectName(u"keychainLabel")
        self.keychainLabel.setWordWrap(True)
        self.keychainLabel.setVisible(False)

        self.layout.addWidget(self.keychainLabel)

        self.errorLabel = QLabel(SignInDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.vspacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.layout.addItem(self.vspacer)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.demoButton = QPushButton(SignInDialog)
        self.demoButton.setObjectName(u"demoButton")

        self.buttons.addWidget(self.demoButton)

        self.hspacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons.addItem(self.hspacer)

        self.cancelButton = QPushButton(SignInDialog)
        self.cancelButton.setObjectName(u"cancelButton")

        self.buttons.addWidget(self.cancelButton)

        self.signInButton = QPushButton(SignInDialog)
        self.signInButton.setObjectName(u"signInButton")

        self.buttons.addWidget(self.signInButton)


        self.layout.addLayout(self.buttons)

#if QT_CONFIG(shortcut)
        self.profileLabel.setBuddy(self.profileCombo)
        self.urlLabel.setBuddy(self.urlEdit)
        self.tokenLabel.setBuddy(self.tokenEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SignInDialog)

        self.signInButton.setDefault(True)


        QMetaObject.connectSlotsByName(SignInDialog)
    # setupUi

    def retranslateUi(self, SignInDialog):
        SignInDialog.setWindowTitle(QCoreApplication.translate("SignInDialog", u"Sign in \u2014 Merchant Console", None))
        self.welcomeLabel.setText(QCoreApplication.translate("SignInDialog", u"Sign in to your card platform to handle refund requests, or try the demo with realistic sample data.", None))
        self.profileLabel.setText(QCoreApplication.translate("SignInDialog", u"Saved account", None))
        self.urlLabel.setText(QCoreApplication.translate("SignInDialog", u"Platform URL", None))
        self.urlEdit.setPlaceholderText(QCoreApplication.translate("SignInDialog", u"https://platform.example", None))
        self.tokenLabel.setText(QCoreApplication.translate("SignInDialog", u"Token", None))
        self.tokenEdit.setPlaceholderText(QCoreApplication.translate("SignInDialog", u"From the platform's merchant back office", None))
        self.keychainLabel.setText(QCoreApplication.translate("SignInDialog", u"This computer has no system keychain, so the console cannot keep your token safely between sessions. You can sign in for this session only: the token stays in memory and you paste it again next time. (On Linux, GNOME Keyring or KWallet provide a keychain.)", None))
        self.errorLabel.setText("")
        self.demoButton.setText(QCoreApplication.translate("SignInDialog", u"Try the demo", None))
        self.cancelButton.setText(QCoreApplication.translate("SignInDialog", u"Cancel", None))
        self.signInButton.setText(QCoreApplication.translate("SignInDialog", u"Sign in", None))
    # retranslateUi

