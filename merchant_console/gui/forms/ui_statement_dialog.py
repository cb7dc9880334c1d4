# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'statement_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_StatementDialog(object):
    def setupUi(self, StatementDialog):
        if not StatementDialog.objectName():
            StatementDialog.setObjectName(u"StatementDialog")
        StatementDialog.resize(560, 420)
        self.layout = QVBoxLayout(StatementDialog)
        self.layout.setObjectName(u"layout")
        self.appealLabel = QLabel(StatementDialog)
        self.appealLabel.setObjectName(u"appealLabel")
        self.appealLabel.setWordWrap(True)

        self.layout.addWidget(self.appealLabel)

        self.deadlineLabel = QLabel(StatementDialog)
        self.deadlineLabel.setObjectName(u"deadlineLabel")
        self.deadlineLabel.setWordWrap(True)

        self.layout.addWidget(self.deadlineLabel)

        self.textEdit = QPlainTextEdit(StatementDialog)
        self.textEdit.setObjectName(u"textEdit")

        self.layout.addWidget(self.textEdit)

        self.attachRow = QHBoxLayout()
        self.attachRow.setObjectName(u"attachRow")
        self.attachButton = QPushButton(StatementDialog)
        self.attachButton.setObjectName(u"attachButton")

        self.attachRow.addWidget(self.attachButton)

        self.attachmentsLabel = QLabel(StatementDialog)
        self.attachmentsLabel.setObjectName(u"attachmentsLabel")
        self.attachmentsLabel.setWordWrap(True)

        self.attachRow.addWidget(self.attachmentsLabel)


        self.layout.addLayout(self.attachRow)

        self.errorLabel = QLabel(StatementDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.layout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(StatementDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.layout.addWidget(self.buttonBox)


        self.retranslateUi(StatementDialog)

        QMetaObject.connectSlotsByName(StatementDialog)
    # setupUi

    def retranslateUi(self, StatementDialog):
        StatementDialog.setWindowTitle(QCoreApplication.translate("StatementDialog", u"Answer the buyer's appeal", None))
        self.appealLabel.setText("")
        self.deadlineLabel.setText("")
#if QT_CONFIG(accessibility)
        self.textEdit.setAccessibleName(QCoreApplication.translate("StatementDialog", u"Statement for the platform", None))
#endif // QT_CONFIG(accessibility)
        self.textEdit.setPlaceholderText(QCoreApplication.translate("StatementDialog", u"Explain your side to the platform's customer service, e.g. the card was activated after delivery.", None))
        self.attachButton.setText(QCoreApplication.translate("StatementDialog", u"Attach image\u2026", None))
        self.attachmentsLabel.setText("")
        self.errorLabel.setText("")
    # retranslateUi

