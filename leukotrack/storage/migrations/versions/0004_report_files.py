"""lab report files and where each result was read

Revision ID: 0004
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('report_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=10), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_file')),
    sa.UniqueConstraint('sha256', name=op.f('uq_report_file_sha256'))
    )
    op.create_table('report_source',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_file_id', sa.Integer(), nullable=False),
    sa.Column('draw_id', sa.Integer(), nullable=False),
    sa.Column('analyte', sa.String(length=40), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('line', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['draw_id'], ['draw.id'], name=op.f('fk_report_source_draw_id_draw'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['report_file_id'], ['report_file.id'], name=op.f('fk_report_source_report_file_id_report_file'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_source')),
    sa.UniqueConstraint('draw_id', 'analyte', name=op.f('uq_report_source_draw_id'))
    )
    with op.batch_alter_table('report_source', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_source_draw_id'), ['draw_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_source_report_file_id'), ['report_file_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('report_source', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_source_report_file_id'))
        batch_op.drop_index(batch_op.f('ix_report_source_draw_id'))
    op.drop_table('report_source')
    op.drop_table('report_file')
